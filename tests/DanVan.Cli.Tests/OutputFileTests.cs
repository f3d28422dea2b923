using DanVan.Cli;

namespace DanVan.Tests;

/// <summary>What the commands write (exports, consolidated reports, import JSON) replaces a file whole or not at all.</summary>
public sealed class OutputFileTests
{
    [Fact]
    public async Task Write_ReplacesThePreviousFileAndLeavesNothingBeside()
    {
        var dir = Directory.CreateTempSubdirectory("danvan-out").FullName;
        var path = Path.Combine(dir, "bao-cao.docx");
        await File.WriteAllTextAsync(path, "the previous export, longer than the new one");

        await OutputFile.WriteAsync(path, "new"u8.ToArray(), CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(dir));
    }

    [Fact]
    public async Task Write_ThatFails_LeavesThePreviousFileAsItWas()
    {
        var dir = Directory.CreateTempSubdirectory("danvan-out").FullName;
        var path = Path.Combine(dir, "bao-cao.docx");
        await File.WriteAllTextAsync(path, "the previous export");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OutputFile.WriteAsync(path, new byte[1024], cancelled.Token));

        Assert.Equal("the previous export", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(dir));
    }
}
