namespace SupportBot.Hosting;

/// <summary>A program the stack needs is not installed. The message names the Debian package.</summary>
public sealed class MissingBinaryException(string binary, string debianPackage)
    : Exception($"{binary} not found on PATH; install it with: apt-get install -y --no-install-recommends {debianPackage}")
{
    public string Binary { get; } = binary;
    public string DebianPackage { get; } = debianPackage;
}

public static class Binaries
{
    public static string? Find(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    public static string Require(string name, string debianPackage, params string[] extraDirectories) =>
        Find(name, extraDirectories) ?? throw new MissingBinaryException(name, debianPackage);
}
