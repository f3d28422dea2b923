using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DanVan.Cli.Commands;
using DanVan.Core.Demo;
using DanVan.Core.Word;

// bench/import: the same files, one process each: DanVan's importer (the UTF-8 JSON `danvan import --out` writes, per
// file), the floor (inflate word/document.xml only), XmlReader over that part as a reference, and corpus generation
// for pandoc. mammoth runs in node (mammoth.js).
var mode = args.ElementAtOrDefault(0);
var dir = args.ElementAtOrDefault(1) ?? throw new ArgumentException("usage: ImportBench corpus DIR [N] | danvan|floor|xmlreader DIR [--parallel] [--passes N]");
var parallel = args.Contains("--parallel");
Checkpoints = args.Contains("--checkpoints");

// More passes in one process, for profiling and for comparing builds without the first pass's JIT compilation.
var passes = args.SkipWhile(a => a != "--passes").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1);
switch (mode)
{
    case "corpus":
        Corpus.Write(dir, int.Parse(args.ElementAtOrDefault(2) ?? "1000", CultureInfo.InvariantCulture));
        break;
    case "danvan":
        // One JSON buffer per thread, as `danvan import` keeps one per worker.
        using (var json = new ThreadLocal<ArrayBufferWriter<byte>>(() => new ArrayBufferWriter<byte>()))
        {
            Measure(dir, "danvan", parallel, passes, path =>
            {
                using var file = File.OpenRead(path);
                ImportJson.Write(DocxReader.Read(file), json.Value!);
                return json.Value!.WrittenCount;
            });
        }

        break;
    case "floor":
        Measure(dir, "floor", parallel, passes, path =>
        {
            using var zip = ZipFile.OpenRead(path);
            using var part = zip.GetEntry("word/document.xml")!.Open();
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }

            return total;
        });
        break;
    case "xmlreader":
        // A reference, not a reader of reports: XmlReader streaming word/document.xml out of the zip and reading every
        // text node, with nothing done with the text (no styles, numbering, outline, citations or JSON).
        Measure(dir, "xmlreader", parallel, passes, path =>
        {
            using var zip = ZipFile.OpenRead(path);
            using var part = zip.GetEntry("word/document.xml")!.Open();
            using var xml = XmlReader.Create(part, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            long total = 0;
            while (xml.Read())
            {
                if (xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace)
                {
                    total += xml.Value.Length;
                }
            }

            return total;
        });
        break;
    default:
        throw new ArgumentException($"unknown mode {mode}");
}

// Single-threaded, or --parallel: files spread over every core in one process, as `danvan import` does.
static void Measure(string dir, string name, bool parallel, int passes, Func<string, long> work)
{
    var files = Directory.GetFiles(dir, "*.docx").Order(StringComparer.Ordinal).ToArray();
    for (var pass = 0; pass < passes; pass++)
    {
        Pass(name, parallel, files, work);
    }
}

static void Pass(string name, bool parallel, string[] files, Func<string, long> work)
{
    long bytes = 0;
    var failed = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    if (parallel)
    {
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Run);
    }
    else
    {
        // Where a pass's time goes: after the first file, the first 10 and the first 100 (start-up costs show here).
        for (var i = 0; i < files.Length; i++)
        {
            Run(files[i]);
            if (Checkpoints && i is 0 or 9 or 99)
            {
                Console.Write(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}: {clock.Elapsed.TotalMilliseconds:F1} ms] "));
            }
        }
    }

    clock.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var threads = parallel ? Environment.ProcessorCount : 1;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name} ({threads} thread{(threads == 1 ? "" : "s")}): {files.Length} files in {clock.Elapsed.TotalSeconds:F3} s = {files.Length / clock.Elapsed.TotalSeconds:F1} files/s, CPU {cpu.TotalSeconds:F2} s ({failed} failed, {bytes} output bytes; {GC.GetTotalAllocatedBytes() / 1024 / 1024} MB allocated, {GC.CollectionCount(0)} GCs)"));

    void Run(string file)
    {
        try
        {
            Interlocked.Add(ref bytes, work(file));
        }
        catch (DocumentImportException)
        {
            Interlocked.Increment(ref failed);
        }
    }
}

/// <summary>Varied Markdown reports for pandoc: the seed reports' sentences reshuffled across units, periods and figures.</summary>
internal static class Corpus
{
    private static readonly string[] Seeds = ["bqlda-2024-07.txt", "tratan-2025-Q1.txt"];

    private static readonly string[] Units = ["UBND xã Trà Tân", "UBND phường Cẩm Thành", "Ban Quản lý dự án giao thông tỉnh Lâm Đồng", "UBND xã Lạc Dương", "Sở Tư pháp tỉnh Quảng Ngãi", "UBND phường Xuân Hương - Đà Lạt"];

    public static void Write(string dir, int count)
    {
        Directory.CreateDirectory(dir);
        var sentences = Seeds
            .SelectMany(r => SeedReportParser.Parse(DemoData.ReadSeed(r)).Sections.SelectMany(s => s.Text.Split('\n')))
            .Where(s => s.Length > 40)
            .ToArray();
        for (var i = 0; i < count; i++)
        {
            var random = new Random(i);
            var unit = Units[i % Units.Length];
            var quarter = (i % 4) + 1;
            var year = 2023 + (i % 3);
            var md = new StringBuilder();
            md.AppendLine(CultureInfo.InvariantCulture, $"**BÁO CÁO**\n\n**Kết quả thực hiện công tác dân vận chính quyền quý {Roman(quarter)} năm {year}**\n");
            md.AppendLine(CultureInfo.InvariantCulture, $"Thực hiện Kế hoạch số {10 + (i % 90)}/KH-UBND ngày {1 + (i % 27)}/{1 + (i % 12)}/{year} của Ủy ban nhân dân tỉnh; {unit} báo cáo kết quả thực hiện công tác dân vận chính quyền quý {Roman(quarter)} năm {year} như sau:\n");
            md.AppendLine("**I. KẾT QUẢ THỰC HIỆN**\n");
            var items = 3 + random.Next(6);
            for (var item = 1; item <= items; item++)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"**{item}\\. {Heading(item)}**\n");
                for (var p = 0; p < 1 + random.Next(4); p++)
                {
                    md.AppendLine(sentences[random.Next(sentences.Length)] + (random.Next(3) == 0 ? $" Trong quý đã tổ chức {random.Next(1, 40)} buổi, thu hút {random.Next(50, 2000)} lượt người tham dự." : "") + "\n");
                }
            }

            md.AppendLine("| Chỉ tiêu | Số lượng | Đơn vị tính |\n|---|---|---|");
            md.AppendLine(CultureInfo.InvariantCulture, $"| Số buổi tiếp công dân | {random.Next(1, 30)} | buổi |\n| Đơn thư tiếp nhận | {random.Next(0, 20)} | đơn |\n| Mô hình Dân vận khéo | {random.Next(0, 10)} | mô hình |\n");
            md.AppendLine("**II. ĐÁNH GIÁ CHUNG**\n");
            md.AppendLine(sentences[random.Next(sentences.Length)] + "\n");
            md.AppendLine("**III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI**\n");
            for (var p = 0; p < 2 + random.Next(4); p++)
            {
                md.AppendLine(sentences[random.Next(sentences.Length)] + "\n");
            }

            File.WriteAllText(Path.Combine(dir, $"report-{i:0000}.md"), md.ToString());
        }
    }

    private static string Heading(int item) => item switch
    {
        1 => "Công tác lãnh đạo, chỉ đạo",
        2 => "Công tác tuyên truyền, phổ biến",
        3 => "Phong trào thi đua Dân vận khéo",
        4 => "Cải cách hành chính",
        5 => "Kỷ luật, kỷ cương hành chính",
        6 => "Tiếp công dân, giải quyết đơn thư",
        7 => "Phối hợp với Mặt trận Tổ quốc",
        _ => "Thực hiện dân chủ ở cơ sở",
    };

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}

internal static partial class Program
{
    private static bool Checkpoints { get; set; }
}
