using System.IO.Compression;
using DanVan.Core.Documents;

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
