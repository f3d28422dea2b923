using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DanVan.Core.Data;

namespace DanVan.Web.Infrastructure;

/// <summary>
/// Holds an uploaded Word file between preview and confirmation, outside the database: nothing is saved to the
/// report until the user confirms. Files expire after a day.
/// </summary>
public sealed partial class ImportStaging(IConfiguration configuration, DanVanDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private string Root
    {
        get
        {
            var root = configuration["Uploads:StagingPath"]
                ?? Path.Combine(database.SqliteDirectory() ?? Path.GetTempPath(), "import-staging");
            Directory.CreateDirectory(root);
            return root;
        }
    }

    public async Task<string> StageAsync(byte[] content, string fileName, string userId, CancellationToken ct)
    {
        Sweep();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await File.WriteAllBytesAsync(Path.Combine(Root, token + ".docx"), content, ct);
        await File.WriteAllLinesAsync(Path.Combine(Root, token + ".meta"), [userId, Path.GetFileName(fileName)], ct);
        return token;
    }

    /// <summary>The staged file, only for the user who uploaded it; null when expired or unknown.</summary>
    public async Task<(byte[] Content, string FileName)?> LoadAsync(string? token, string userId, CancellationToken ct)
    {
        if (token is null || !Token().IsMatch(token))
        {
            return null;
        }

        var data = Path.Combine(Root, token + ".docx");
        var meta = Path.Combine(Root, token + ".meta");
        if (!File.Exists(data) || !File.Exists(meta) || clock.GetUtcNow() - File.GetLastWriteTimeUtc(data) > Lifetime)
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(meta, ct);
        if (lines.Length < 2 || lines[0] != userId)
        {
            return null;
        }

        return (await File.ReadAllBytesAsync(data, ct), lines[1]);
    }

    public void Remove(string token)
    {
        if (Token().IsMatch(token))
        {
            File.Delete(Path.Combine(Root, token + ".docx"));
            File.Delete(Path.Combine(Root, token + ".meta"));
        }
    }

    private void Sweep()
    {
        foreach (var file in Directory.EnumerateFiles(Root))
        {
            if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(file) > Lifetime)
            {
                File.Delete(file);
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Token();
}
