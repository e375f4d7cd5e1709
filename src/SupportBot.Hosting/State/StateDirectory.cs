using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Hosting;

/// <summary>
/// The one folder that holds a stack's data between runs. Secrets in it (passwords, dev keys) are
/// readable by the owner only. A lock file keeps two AppHosts from sharing it.
/// </summary>
public sealed class StateDirectory : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private FileStream? _lock;

    public StateDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
        // Postgres runs as its own user and must be able to pass through this folder. Only changed
        // when needed: a refused second AppHost must not touch the running stack's folder.
        const UnixFileMode traversable = (UnixFileMode)0b111_101_101;
        if (File.GetUnixFileMode(Path) != traversable)
        {
            File.SetUnixFileMode(Path, traversable);
        }
    }

    public string Path { get; }
    public string LogsDirectory => Sub("logs");
    private string PidFile => System.IO.Path.Combine(Path, "apphost.pid");

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Wipe(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Takes the folder for this process, or says which process has it.</summary>
    public void Lock()
    {
        var lockPath = System.IO.Path.Combine(Path, "apphost.lock");
        try
        {
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(PidFile, Environment.ProcessId.ToString());
        }
        catch (IOException)
        {
            var holder = File.Exists(PidFile) ? File.ReadAllText(PidFile).Trim() : "?";
            throw new InvalidOperationException(
                $"Another AppHost (pid {holder}) is using {Path}; stop it first, or pass --state-dir for a separate stack.");
        }
    }

    /// <summary>
    /// Writes this folder's path to $XDG_STATE_HOME/supportbot/last-stack (default ~/.local/state),
    /// so tools find a stack started with --state-dir.
    /// </summary>
    public void RecordAsLastStack()
    {
        var home = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var folder = System.IO.Path.Combine(home, "supportbot");
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, "last-stack");
        File.WriteAllText(file + ".tmp", Path + "\n");
        File.Move(file + ".tmp", file, overwrite: true);
    }

    /// <summary>A random secret made on first use and kept, so passwords survive restarts.</summary>
    public string Secret(string name)
    {
        var file = System.IO.Path.Combine(Sub("secrets"), name);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var value = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        WritePrivate(file, value);
        return value;
    }

    /// <summary>The dev API keys, one per role, made on first run.</summary>
    public IReadOnlyDictionary<string, string> DevApiKeys()
    {
        var file = DevApiKeysFile;
        if (File.Exists(file))
        {
            var existing = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file));
            if (existing is not null && Roles.All.All(existing.ContainsKey))
            {
                return existing;
            }
        }

        var keys = Roles.All.ToDictionary(role => role, _ => ApiKeyMaterial.Generate());
        WritePrivate(file, JsonSerializer.Serialize(keys, Json));
        return keys;
    }

    public string DevApiKeysFile => System.IO.Path.Combine(Path, "dev-keys.json");

    public static void WritePrivate(string file, string content)
    {
        var temp = file + ".tmp";
        File.WriteAllText(temp, content);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>Writes through a temporary file and a rename, so readers never see a half-written file.</summary>
    public void WriteJson(string fileName, object value, bool secret = false)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        var text = JsonSerializer.Serialize(value, Json);
        if (secret)
        {
            WritePrivate(file, text);
        }
        else
        {
            var temp = file + ".tmp";
            File.WriteAllText(temp, text);
            File.Move(temp, file, overwrite: true);
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
