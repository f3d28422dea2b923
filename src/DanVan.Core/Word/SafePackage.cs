using System.IO.Compression;

namespace DanVan.Core.Word;

/// <summary>
/// Decides what a file really is before any XML parser sees it, and bounds what a zip may inflate to, so a hostile
/// upload fails fast with a clear reason instead of exhausting memory.
/// </summary>
public static class SafePackage
{
    public const long MaxPartBytes = 64L * 1024 * 1024;
    public const long MaxTotalBytes = 256L * 1024 * 1024;
    public const int MaxEntries = 5000;

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>
    /// Reads the whole upload into memory (callers cap its size), checks its kind and inflated size, and returns the
    /// package opened for reading; disposing it releases the copy.
    /// </summary>
    public static ZipArchive Check(Stream input)
    {
        MemoryStream copy;
        if (input.CanSeek)
        {
            // Read straight into an array of the file's size: a copy through a buffer would be wasted work per file.
            var whole = new byte[checked((int)(input.Length - input.Position))];
            input.ReadExactly(whole);
            copy = new MemoryStream(whole, 0, whole.Length, writable: false, publiclyVisible: true);
        }
        else
        {
            copy = new MemoryStream();
            input.CopyTo(copy);
        }

        var bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        if (bytes.Length == 0)
        {
            throw new DocumentImportException(ImportFailure.Empty, "The file is empty.");
        }

        if (bytes.StartsWith(CompoundFile))
        {
            // Encrypted .docx files are OLE containers holding EncryptionInfo/EncryptedPackage; other OLE files are Word 97-2003.
            var encrypted = Contains(bytes, "EncryptionInfo"u8) || Contains(bytes, "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"u8);
            throw encrypted
                ? new DocumentImportException(ImportFailure.Encrypted, "The document is password-protected; remove the password in Word (File > Info > Protect Document) and import it again.")
                : new DocumentImportException(ImportFailure.LegacyDoc, "This is a Word 97-2003 .doc file, not .docx; save it as .docx in Word, or convert it with LibreOffice (soffice --headless --convert-to docx FILE.doc, or danvan import --convert).");
        }

        if (!bytes.StartsWith(Zip))
        {
            throw new DocumentImportException(ImportFailure.NotZip, "The file is not a Word .docx document (it is not a zip package).");
        }

        copy.Position = 0;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(copy, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentImportException(ImportFailure.Truncated, "The .docx file is truncated or damaged (its zip structure cannot be read).", ex);
        }

        try
        {
            CheckParts(zip);
            return zip;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static void CheckParts(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            throw new DocumentImportException(ImportFailure.TooLarge, $"The package has {zip.Entries.Count} parts; a Word report has far fewer (limit {MaxEntries}).");
        }

        // The directory's sizes are checked here for free; parts whose headers lie are caught as they inflate.
        ZipArchiveEntry? huge = null, largest = null;
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            huge ??= entry.Length > MaxPartBytes ? entry : null;
            if (largest is null || entry.Length > largest.Length)
            {
                largest = entry;
            }
        }

        // Named: the first part over the limit, or else (the parts add up to too much) the largest.
        if ((huge ?? (total > MaxTotalBytes ? largest : null)) is { } part)
        {
            throw new DocumentImportException(ImportFailure.TooLarge, $"The part {part.FullName} inflates to {part.Length / 1024 / 1024} MB; the file is damaged or a zip bomb.");
        }

        if (zip.GetEntry("word/document.xml") is null && !zip.Entries.Any(e => e.FullName.EndsWith("document.xml", StringComparison.OrdinalIgnoreCase) && e.FullName.Contains("word", StringComparison.OrdinalIgnoreCase)))
        {
            throw new DocumentImportException(ImportFailure.NotWord, "The zip package has no Word document part (word/document.xml); it is not a .docx file.");
        }
    }

    /// <summary>
    /// A part's inflated bytes, counted as they are read: declared sizes can lie, and only the parts the reader
    /// actually opens (never images) need a bound. Also turns a damaged deflate stream into a clear failure.
    /// </summary>
    public sealed class BoundedStream(Stream inner, string partName, Counter total) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new DocumentImportException(ImportFailure.Truncated, $"The part {partName} is damaged and cannot be inflated.", ex);
            }

            return Count(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int n)
        {
            _read += n;
            total.Bytes += n;
            if (_read > MaxPartBytes || total.Bytes > MaxTotalBytes)
            {
                throw new DocumentImportException(ImportFailure.TooLarge, $"The part {partName} inflates beyond {MaxPartBytes / 1024 / 1024} MB; the file is damaged or a zip bomb.");
            }

            return n;
        }
    }

    public sealed class Counter
    {
        public long Bytes { get; set; }
    }

    private static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle) >= 0;
}
