using System.Text;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>Import files for one test, in a folder of their own that goes away with the test.</summary>
public sealed class ImportFiles : IDisposable
{
    private readonly string _directory = TestState.NewDirectory("import");

    /// <summary>A prefix for this test's external ids and texts: the database is shared by tests running in parallel.</summary>
    public string Prefix { get; } = "imp-" + Guid.NewGuid().ToString("N")[..12];

    public string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    public string WriteLines(string name, params string[] lines) => Write(name, string.Join("\n", lines) + "\n");

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>UTF-8 of the text with each "{BAD}" replaced by bytes that are not UTF-8 (a lead byte without its continuation).</summary>
    public static byte[] WithInvalidUtf8(string text)
    {
        var bytes = new List<byte>();
        var parts = text.Split("{BAD}");
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes.AddRange([0xC3, 0x28]);
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }

        return [.. bytes];
    }

    public void Dispose() => TestState.Delete(_directory);
}
