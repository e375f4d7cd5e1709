using System.Buffers;

namespace SupportBot.Data.Import;

/// <summary>A line of raw bytes, without its line break; <see cref="TooLong"/> lines come without content.</summary>
public readonly record struct Utf8Line(ReadOnlyMemory<byte> Bytes, long Number, bool TooLong);

/// <summary>
/// Splits a stream into lines of bytes, leaving decoding to the caller so that invalid UTF-8 can be
/// reported for the one line that has it. A line longer than the limit is skipped, not buffered.
/// </summary>
public sealed class Utf8LineReader(Stream stream, int maxLineBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(64 * 1024, maxLineBytes + 1));
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _lineNumber;

    /// <summary>Bytes of the stream consumed by the lines returned so far.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>The next line, valid until the next call; null at the end of the stream.</summary>
    public async ValueTask<Utf8Line?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var skipping = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline);
                _start += newline + 1;
                BytesConsumed += newline + 1;
                return Line(line, skipping);
            }

            if (_endOfStream)
            {
                if (_start == _end && !skipping)
                {
                    return null;
                }

                var last = _buffer.AsMemory(_start, _end - _start);
                BytesConsumed += _end - _start;
                _start = _end;
                return Line(last, skipping);
            }

            if (_end - _start > maxLineBytes)
            {
                // Drop what we have of this line and keep reading until its end.
                skipping = true;
                BytesConsumed += _end - _start;
                _start = _end = 0;
            }

            await FillAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Utf8Line Line(ReadOnlyMemory<byte> bytes, bool tooLong)
    {
        _lineNumber++;
        if (tooLong)
        {
            return new Utf8Line(ReadOnlyMemory<byte>.Empty, _lineNumber, true);
        }

        if (bytes.Span is [.., (byte)'\r'])
        {
            bytes = bytes[..^1];
        }

        if (_lineNumber == 1 && bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return new Utf8Line(bytes, _lineNumber, false);
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, maxLineBytes + 1 + 64 * 1024));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }
}
