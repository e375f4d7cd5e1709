using System.Buffers;

namespace SupportBot.Data.Import;

/// <summary>Finds where a line starts in a seekable stream, counting line breaks as CsvHelper does (CR, LF, CR LF once each).</summary>
public static class LineStarts
{
    /// <summary>
    /// The offset of line <paramref name="target"/>, scanning forward from <paramref name="offset"/>,
    /// which is the start of line <paramref name="line"/>; -1 when the stream ends first.
    /// </summary>
    public static async Task<long> FindAsync(Stream stream, long offset, long line, long target, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            stream.Seek(offset, SeekOrigin.Begin);
            var position = offset;
            var afterCarriageReturn = false;
            while (line < target)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    // A CR at the very end still ends its line, so the next one starts at the end.
                    return afterCarriageReturn && line + 1 == target ? position : -1;
                }

                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (afterCarriageReturn)
                    {
                        afterCarriageReturn = false;
                        if (b != '\n')
                        {
                            // The line after a lone CR began at this byte.
                            if (++line == target)
                            {
                                return position + i;
                            }
                        }
                        else if (++line == target)
                        {
                            return position + i + 1;
                        }
                        else
                        {
                            continue;
                        }
                    }

                    if (b == '\r')
                    {
                        afterCarriageReturn = true;
                    }
                    else if (b == '\n' && ++line == target)
                    {
                        return position + i + 1;
                    }
                }

                position += read;
            }

            return position;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
