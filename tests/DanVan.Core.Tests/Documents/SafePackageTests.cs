using System.IO.Compression;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

public sealed class SafePackageTests
{
    private static ImportFailure FailureOf(byte[] bytes) =>
        Assert.Throws<DocumentImportException>(() => DocxReader.Read(new MemoryStream(bytes))).Failure;

    [Fact]
    public void Read_EmptyFile_Empty() => Assert.Equal(ImportFailure.Empty, FailureOf([]));

    [Fact]
    public void Read_PlainText_NotZip() => Assert.Equal(ImportFailure.NotZip, FailureOf("Báo cáo công tác dân vận"u8.ToArray()));

    [Fact]
    public void Read_ZipWithoutWordPart_NotWord()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open());
            writer.Write("<workbook/>");
        }

        Assert.Equal(ImportFailure.NotWord, FailureOf(zip.ToArray()));
    }

    [Fact]
    public void Read_ZipBomb_RefusedQuicklyAsTooLarge()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var part = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 80; i++)
            {
                part.Write(zeros);
            }
        }

        var started = DateTime.UtcNow;
        Assert.Equal(ImportFailure.TooLarge, FailureOf(zip.ToArray()));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    /// <summary>Sizes in MB as the zip directory declares them (the parts hold a few bytes); the part the error must name.</summary>
    [Theory]
    [InlineData(new[] { 60, 100, 70 }, "b.bin inflates to 100 MB")]
    [InlineData(new[] { 60, 60, 63, 60, 60 }, "c.bin inflates to 63 MB")]
    [InlineData(new[] { 60, 60, 60, 60, 60, 100 }, "f.bin inflates to 100 MB")]
    public void Read_DeclaredSizesOverTheLimits_NamesThePart(int[] megabytes, string message)
    {
        var parts = megabytes.Select((mb, i) => ($"{(char)('a' + i)}.bin", (uint)mb * 1024 * 1024)).Prepend(("word/document.xml", 100u)).ToArray();

        var error = Assert.Throws<DocumentImportException>(() => DocxReader.Read(new MemoryStream(ZipDeclaring(parts))));

        Assert.Equal(ImportFailure.TooLarge, error.Failure);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A zip whose central directory declares the given uncompressed sizes for parts that hold a few bytes each.</summary>
    private static byte[] ZipDeclaring((string Name, uint Size)[] parts)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, _) in parts)
            {
                using var part = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
                part.Write("<x/>"u8);
            }
        }

        var bytes = zip.ToArray();
        var sizes = parts.ToDictionary(p => p.Name, p => p.Size);
        for (var at = bytes.AsSpan().IndexOf("PK\u0001\u0002"u8); at >= 0;)
        {
            // Central directory file header: uncompressed size at 24, name length at 28, name at 46.
            var nameLength = BitConverter.ToUInt16(bytes, at + 28);
            var name = System.Text.Encoding.UTF8.GetString(bytes, at + 46, nameLength);
            BitConverter.GetBytes(sizes[name]).CopyTo(bytes, at + 24);
            var next = bytes.AsSpan(at + 46).IndexOf("PK\u0001\u0002"u8);
            at = next < 0 ? -1 : at + 46 + next;
        }

        return bytes;
    }

    [Fact]
    public void Read_CompoundFileWithEncryptionInfo_Encrypted()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"u8.ToArray().CopyTo(bytes, 1024);

        Assert.Equal(ImportFailure.Encrypted, FailureOf(bytes));
    }

    [Fact]
    public void Read_OtherCompoundFile_LegacyDocWithAdvice()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);

        var error = Assert.Throws<DocumentImportException>(() => DocxReader.Read(new MemoryStream(bytes)));

        Assert.Equal(ImportFailure.LegacyDoc, error.Failure);
        Assert.Contains("--convert-to docx", error.Message, StringComparison.Ordinal);
    }
}
