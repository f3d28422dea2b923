using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DanVan.Core.Periods;
using DanVan.Core.Reports;

namespace DanVan.Core.Demo;

/// <summary>What kind of body writes: it decides how the unit calls itself and what it does.</summary>
internal enum UnitSort
{
    Commune,
    Department,
    Board,
    Centre,
}

internal enum Verbosity
{
    Terse,
    Plain,
    Verbose,
}

/// <summary>
/// How one unit writes, drawn once and kept from period to period, as a unit's clerk keeps last period's file and
/// habits: how numbers look, what it calls itself, its favourite connector, how careful its typing is.
/// </summary>
internal sealed record WritingStyle
{
    public Verbosity Verbosity { get; init; }

    /// <summary>"02 buổi" rather than "2 buổi" for counts below ten.</summary>
    public bool ZeroPad { get; init; }

    /// <summary>"1.234" rather than "1234".</summary>
    public bool ThousandsDot { get; init; }

    /// <summary>"95.5%" (a minority, copied from spreadsheets) rather than "95,5%".</summary>
    public bool DecimalPoint { get; init; }

    /// <summary>"98,5 %" rather than "98,5%".</summary>
    public bool SpaceBeforePercent { get; init; }

    /// <summary>Money as "35.500.000 đồng" rather than "35,5 triệu đồng".</summary>
    public bool FullDong { get; init; }

    /// <summary>"m2" as typed on a keyboard, rather than "m²".</summary>
    public bool PlainSquareMetre { get; init; }

    public string OpenQuote { get; init; } = "\"";

    public string CloseQuote { get; init; } = "\"";

    /// <summary>What the unit calls itself, its usual form first ("UBND xã", "đơn vị", "chúng tôi", its name…).</summary>
    public IReadOnlyList<string> Selves { get; init; } = [];

    public string Connector { get; init; } = "Bên cạnh đó,";

    /// <summary>Share of sentences after a section's first that open with a connector.</summary>
    public double ConnectorRate { get; init; }

    /// <summary>Share of sentences with a typo or a word typed without diacritics.</summary>
    public double TypoRate { get; init; }

    /// <summary>Old-style tone marks ("hoá", "Uỷ ban", "thuỷ lợi"), as older Vietnamese keyboards place them.</summary>
    public bool OldTones { get; init; }

    /// <summary>Which form of "in this period" / "next period" the unit uses (indices into the phrase lists).</summary>
    public int WhenForm { get; init; }

    public int NextForm { get; init; }

    /// <summary>How items of II and III are marked: "- ", "+ ", "1. " (numbered) or nothing (a paragraph).</summary>
    public string ListMark { get; init; } = "- ";

    /// <summary>Sentences per paragraph in the results: 1 (one per line) or 2–3 run together.</summary>
    public int Paragraph { get; init; } = 1;

    /// <summary>States its figures before the copied sentences, not after.</summary>
    public bool FactsFirst { get; init; }

    /// <summary>Adds "kiến nghị, đề xuất" to its tasks, and how often.</summary>
    public double Proposes { get; init; }

    /// <summary>The difficulties it reports each period (it repeats them), as indices into the difficulty kinds.</summary>
    public IReadOnlyList<int> Difficulties { get; init; } = [];

    public bool WritesCauses { get; init; }
}

/// <summary>A reporting unit as its reports name it, with its places, its own "Dân vận khéo" models and its style.</summary>
internal sealed class Writer
{
    private static readonly string[] Connectors = ["Bên cạnh đó,", "Ngoài ra,", "Đồng thời,", "Do đó,", "Vì vậy,", "Qua đó,", "Mặt khác,", "Song song đó,"];

    public required string Name { get; init; }

    /// <summary>The commune's or area's own name ("An Bình"), or the province's for a department.</summary>
    public required string Place { get; init; }

    public required string Province { get; init; }

    /// <summary>"tỉnh" or "thành phố".</summary>
    public required string ProvinceLevel { get; init; }

    public required UnitSort Sort { get; init; }

    /// <summary>"xã", "phường" or "đặc khu" for a commune; empty otherwise.</summary>
    public required string LocalWord { get; init; }

    public required string[] Villages { get; init; }

    /// <summary>The models it runs and mentions period after period.</summary>
    public required string[] OwnModels { get; init; }

    public required int Habit { get; init; }

    public required WritingStyle Style { get; init; }

    /// <summary>"Dân vận khéo" models registered so far, for the units that write the running total.</summary>
    public int ModelsSoFar { get; set; }

    public static Writer Create(string name, string place, string province, string provinceLevel, UnitSort sort, string localWord, string[] villages, int habit)
    {
        // The style comes from the unit's own habit number, not the shared stream: the rest of the data stays the same
        // for a seed whatever the style draws.
        var rng = new Random(habit);
        var verbosity = rng.NextDouble() switch { < 0.25 => Verbosity.Terse, < 0.7 => Verbosity.Plain, _ => Verbosity.Verbose };
        var quotes = rng.NextDouble() switch { < 0.5 => ("\"", "\""), < 0.9 => ("“", "”"), _ => ("'", "'") };
        var difficulties = Enumerable.Range(0, SyntheticText.DifficultyKinds).OrderBy(_ => rng.Next()).Take(3).ToArray();
        var style = new WritingStyle
        {
            Verbosity = verbosity,
            ZeroPad = rng.NextDouble() < 0.45,
            ThousandsDot = rng.NextDouble() < 0.8,
            DecimalPoint = rng.NextDouble() < 0.05,
            SpaceBeforePercent = rng.NextDouble() < 0.2,
            FullDong = rng.NextDouble() < 0.2,
            PlainSquareMetre = rng.NextDouble() < 0.35,
            OpenQuote = quotes.Item1,
            CloseQuote = quotes.Item2,
            Selves = Selves(rng, name, sort, localWord),
            Connector = Connectors[rng.Next(Connectors.Length)],
            ConnectorRate = verbosity == Verbosity.Terse ? 0.05 : 0.1 + (rng.NextDouble() * 0.25),
            TypoRate = rng.NextDouble() switch { < 0.5 => 0, < 0.85 => 0.02, _ => 0.06 },
            OldTones = rng.NextDouble() < 0.15,
            WhenForm = rng.Next(6),
            NextForm = rng.Next(6),
            ListMark = rng.NextDouble() switch { < 0.4 => "- ", < 0.55 => "+ ", < 0.8 => "1. ", _ => "" },
            Paragraph = rng.NextDouble() < 0.6 ? 1 : 2 + rng.Next(2),
            FactsFirst = rng.NextDouble() < 0.25,
            Proposes = rng.NextDouble() switch { < 0.45 => 0, < 0.8 => 0.5, _ => 0.9 },
            Difficulties = difficulties,
            WritesCauses = rng.NextDouble() < (verbosity == Verbosity.Terse ? 0.2 : 0.6),
        };
        var pool = sort == UnitSort.Commune ? SyntheticText.CommuneModels : SyntheticText.OfficeModels;
        return new Writer
        {
            Name = name,
            Place = place,
            Province = province,
            ProvinceLevel = provinceLevel,
            Sort = sort,
            LocalWord = localWord,
            Villages = villages,
            OwnModels = [pool[rng.Next(pool.Length)], pool[rng.Next(pool.Length)]],
            Habit = habit,
            Style = style,
            ModelsSoFar = rng.Next(0, 12),
        };
    }

    /// <summary>The names a unit gives itself: its usual one first, then one or two it also uses.</summary>
    private static string[] Selves(Random rng, string name, UnitSort sort, string localWord)
    {
        var shortName = name.Split(" thuộc ")[0];
        string[] forms = sort switch
        {
            UnitSort.Commune => ["UBND " + localWord, shortName, "Ủy ban nhân dân " + localWord, localWord, "chúng tôi", "địa phương"],
            UnitSort.Department when name.StartsWith("Sở ", StringComparison.Ordinal) => ["Sở", "đơn vị", shortName, "cơ quan", "chúng tôi"],
            UnitSort.Department when name.StartsWith("Văn phòng", StringComparison.Ordinal) => ["Văn phòng", "đơn vị", "cơ quan", shortName],
            UnitSort.Department => ["cơ quan", "đơn vị", shortName],
            UnitSort.Board => ["Ban", "đơn vị", "Ban Quản lý", "chúng tôi", shortName],
            _ => [name.Split(' ')[0] is "Trung" or "Chi" ? string.Join(' ', name.Split(' ').Take(2)) : name.Split(' ')[0], "đơn vị", "cơ quan", shortName],
        };
        // The usual form: mostly the first, often the name, now and then any other.
        var usual = rng.NextDouble() switch { < 0.5 => 0, < 0.7 => Array.IndexOf(forms, shortName), _ => rng.Next(forms.Length) };
        var others = forms.Where((_, i) => i != usual).OrderBy(_ => rng.Next()).Take(1 + rng.Next(2));
        return [forms[usual], .. others];
    }
}

/// <summary>How a plan is cited in a report's opening.</summary>
internal sealed record PlanRef(string Number, DateOnly IssuedOn, string Issuer, string Summary);

/// <summary>The kinds of number a generated report states, each in its canonical measure.</summary>
internal enum Fact
{
    DocumentsIssued,
    PropagandaSessions,
    PropagandaParticipants,
    NewsItems,
    TrainingClasses,
    TrainingLearners,
    /// <summary>Staff sent to a class others held (not a class the unit organised).</summary>
    TrainingAttendees,
    ModelsRegistered,
    /// <summary>The running total of models since they began: not to be added to the period's registrations.</summary>
    ModelsInTotal,
    LandDonatedSquareMetres,
    LandDonorHouseholds,
    WorkDays,
    /// <summary>Money raised, in millions of đồng whatever the text's unit.</summary>
    MoneyMillionDong,
    DossiersReceived,
    DossiersOnline,
    OnlineRatePercent,
    OnTimeRatePercent,
    Inspections,
    ReceptionSessions,
    CitizensReceived,
    PetitionsReceived,
    PetitionsResolved,
    PetitionsPending,
    Supervisions,
    DialogueSessions,
    DialogueParticipants,
    DialogueOpinions,
    /// <summary>People at a first-time event ("lần đầu tiên").</summary>
    EventParticipants,
}

/// <summary>A number a generated report states: which section, what it counts, its value. For tests of extraction.</summary>
internal readonly record struct Mention(string Section, Fact Fact, decimal Value);

internal enum Highlight
{
    None,
    FirstTime,
    Large,
    Dispute,
}

/// <summary>
/// One unit's numbers for one period. The first six are the plan's figures (<see cref="Figure"/>); the text states
/// them as they are, and the others only in words.
/// </summary>
internal sealed record PeriodFacts
{
    public int Sessions { get; init; }
    public int Citizens { get; init; }
    public int Petitions { get; init; }
    public int Resolved { get; init; }
    public int Models { get; init; }
    public decimal OnTimeRate { get; init; }
    public int Dialogues { get; init; }
    public int DialogueParticipants { get; init; }
    public int DialogueOpinions { get; init; }
    public int Documents { get; init; }
    public int PropagandaSessions { get; init; }
    public int PropagandaParticipants { get; init; }
    public int News { get; init; }
    public int TrainingClasses { get; init; }
    public int TrainingLearners { get; init; }
    public int Dossiers { get; init; }
    public decimal OnlineRate { get; init; }
    public int Inspections { get; init; }
    public int Supervisions { get; init; }
    public int LandSquareMetres { get; init; }
    public int LandHouseholds { get; init; }
    public int WorkDays { get; init; }
    public decimal MoneyMillion { get; init; }
    public int EventParticipants { get; init; }
    public int DisputeYears { get; init; }
    public Highlight Highlight { get; init; }
    public DateOnly Day { get; init; }
    public required string Village { get; init; }
    public required string OtherVillage { get; init; }

    public static PeriodFacts Draw(Random rng, ReportingPeriod period, Writer w)
    {
        var (start, end) = period.CalendarWindow();
        var months = ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
        var commune = w.Sort == UnitSort.Commune;
        var sessions = rng.Next(1, 5) * months;
        var petitions = rng.Next(0, 12) * months;
        var dialogues = rng.Next(0, 3);
        var propaganda = rng.Next(1, 7) * months;
        var classes = rng.Next(1, 3);
        var highlight = rng.NextDouble() switch { < 0.03 => Highlight.FirstTime, < 0.05 => Highlight.Large, < 0.07 => Highlight.Dispute, _ => Highlight.None };
        var large = highlight == Highlight.Large ? 10 : 1;
        var village = rng.Next(w.Villages.Length);
        return new PeriodFacts
        {
            Sessions = sessions,
            Citizens = sessions * rng.Next(2, 15),
            Petitions = petitions,
            Resolved = petitions == 0 ? 0 : rng.Next(petitions / 2, petitions + 1),
            Models = rng.Next(0, 4),
            OnTimeRate = 90m + (rng.Next(0, 101) / 10m),
            Dialogues = dialogues,
            DialogueParticipants = dialogues * (commune ? rng.Next(25, 180) : rng.Next(15, 80)),
            DialogueOpinions = rng.Next(3, 25),
            Documents = rng.Next(1, 6) * months,
            PropagandaSessions = propaganda,
            PropagandaParticipants = propaganda * (commune ? rng.Next(20, 160) : rng.Next(15, 70)) * large,
            News = rng.Next(2, 30) * months,
            TrainingClasses = classes,
            TrainingLearners = classes * rng.Next(20, 90),
            Dossiers = (commune ? rng.Next(60, 900) : rng.Next(30, 2500)) * months,
            OnlineRate = rng.Next(300, 951) / 10m,
            Inspections = rng.Next(1, 4),
            Supervisions = rng.Next(1, 4),
            LandSquareMetres = rng.Next(2, 90) * 25 * large,
            LandHouseholds = rng.Next(2, 25),
            WorkDays = rng.Next(20, 600),
            MoneyMillion = rng.Next(10, 900) / 2m * large,
            EventParticipants = rng.Next(80, 600),
            DisputeYears = rng.Next(5, 16),
            Highlight = highlight,
            Day = start.AddDays(rng.Next(0, end.DayNumber - start.DayNumber + 1)),
            Village = w.Villages[village],
            OtherVillage = w.Villages[(village + 1) % w.Villages.Length],
        };
    }

    /// <summary>The plan's figure at <paramref name="index"/> (SyntheticData.FigureSpecs' order).</summary>
    public decimal Figure(int index) => index switch
    {
        0 => Sessions,
        1 => Citizens,
        2 => Petitions,
        3 => Resolved,
        4 => Models,
        _ => OnTimeRate,
    };
}

/// <summary>
/// Writes a unit's report, section by section, the way real units write: the province's boilerplate and the seed
/// reports' sentences copied period after period, and the unit's own facts in one of several wordings per activity
/// (its favourite most of the time), in its own style. Pure and deterministic for the random source it is given.
/// </summary>
internal sealed partial class SyntheticText
{
    private static readonly string[] Seeds = ["bqlda-2024-07.txt", "tratan-2025-Q1.txt"];

    private static readonly Dictionary<string, int> Index = ReportTemplate.Default.Select((t, i) => (t.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);

    private readonly Dictionary<string, string[]> _sentences;

    /// <summary>The sentences a department or board copies: the commune seed's about "xã" and "thôn" left out.</summary>
    private readonly Dictionary<string, string[]> _officeSentences;
    private readonly bool _full;

    public SyntheticText(bool full)
    {
        _full = full;
        var fromSeeds = Seeds
            .SelectMany(f => SeedReportParser.Parse(DemoData.ReadSeed(f)).Sections)
            .SelectMany(s => Sentences(s.Text).Select(t => (s.Key, Text: t)))
            .ToLookup(s => s.Key, s => s.Text);
        // The seeds' openings and closings name their own units; only the stock phrases are generic enough there.
        _sentences = Stock.ToDictionary(kv => kv.Key, kv => kv.Value.Concat(kv.Key is "intro" or "closing" ? [] : fromSeeds[kv.Key]).Distinct().ToArray(), StringComparer.Ordinal);
        _officeSentences = _sentences.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.Where(s => !CommuneWords().IsMatch(s)).DefaultIfEmpty(kv.Value[0]).ToArray(),
            StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\b(xã|thôn)\b")]
    private static partial Regex CommuneWords();

    public static string Guidance(string key) => Stock.TryGetValue(key, out var s) ? "Ví dụ: " + s[0] : "";

    /// <summary>The paragraph most units of a province copy in a period, one per section.</summary>
    public string[] Boilerplate(Random rng, string province) =>
        ReportTemplate.Default.Select(t => Pick(t.Key, rng).Replace("cấp trên", $"Ủy ban nhân dân {province}", StringComparison.Ordinal)).ToArray();

    /// <summary>The text of each section of <see cref="ReportTemplate.Default"/>, in its order.</summary>
    public string[] Write(Writer w, ReportingPeriod period, PeriodFacts f, PlanRef plan, string[] boilerplate, Random rng, List<Mention>? mentions = null)
    {
        var pen = new Pen(w, period, f, rng, mentions);
        var texts = new string[ReportTemplate.Default.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            var key = ReportTemplate.Default[i].Key;
            pen.Begin(key, key is "intro" or "closing" ? [] : Copied(key, i, w, boilerplate, rng));
            WriteSection(key, pen, plan);
            texts[i] = pen.End(narrative: key.StartsWith('I') && key is not ("II" or "III"));
        }

        return texts;
    }

    /// <summary>The province's boilerplate (by most units) and the unit's habitual sentences, the same each period.</summary>
    private List<string> Copied(string key, int index, Writer w, string[] boilerplate, Random rng)
    {
        var lines = new List<string>(4);
        if (rng.NextDouble() < 0.65)
        {
            lines.Add(boilerplate[index]);
        }

        var own = (w.Sort == UnitSort.Commune ? _sentences : _officeSentences)[key];
        var most = w.Style.Verbosity switch { Verbosity.Terse => 1, Verbosity.Plain => 2, _ => 4 };
        var count = _full ? Math.Min(own.Length, Math.Min(most, (w.Style.Verbosity == Verbosity.Terse ? 0 : 1) + ((w.Habit >> (index % 16)) & 3))) : 1;
        var start = (w.Habit + (index * 7)) % own.Length;
        for (var i = 0; i < count; i++)
        {
            Add(Localise(own[(start + i) % own.Length], w));
        }

        if (_full && w.Style.Verbosity != Verbosity.Terse && rng.NextDouble() < 0.3)
        {
            Add(Localise(own[rng.Next(own.Length)], w));
        }

        return lines;

        void Add(string s)
        {
            // The boilerplate is the same sentence with the province named for "cấp trên": one of the two is enough.
            if (!lines.Contains(s) && !lines.Contains(s.Replace("cấp trên", $"Ủy ban nhân dân {w.ProvinceLevel} {w.Province}", StringComparison.Ordinal)))
            {
                lines.Add(s);
            }
        }
    }

    private void WriteSection(string key, Pen p, PlanRef plan)
    {
        switch (key)
        {
            case "intro": Intro(p, plan); break;
            case "I": Results(p); break;
            case "I.1": Leadership(p); break;
            case "I.2": Propaganda(p); break;
            case "I.3": SkilfulMass(p); break;
            case "I.4": Reform(p); break;
            case "I.5": Discipline(p); break;
            case "I.6": Reception(p); break;
            case "I.7": Coordination(p); break;
            case "I.8": Democracy(p); break;
            case "II": Assessment(p); break;
            case "III": Tasks(p, _full); break;
            case "closing": Closing(p); break;
        }
    }

    /// <summary>The seeds' own places become the generated unit's, so a commune in Huế does not cite Lâm Đồng.</summary>
    private static string Localise(string sentence, Writer w) => sentence
        .Replace("Lâm Đồng", w.Province, StringComparison.Ordinal)
        .Replace("Trà Bồng", w.Province, StringComparison.Ordinal)
        .Replace("Trà Tân", w.Place, StringComparison.Ordinal);

    private string Pick(string key, Random rng) => _sentences[key][rng.Next(_sentences[key].Length)];

    private static IEnumerable<string> Sentences(string text) =>
        text.Split('\n')
            .SelectMany(p => p.Split(". ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(s => s.EndsWith('.') || s.EndsWith(':') || s.EndsWith(';') ? s : s + ".")
            .Where(s => s.Length is >= 40 and <= 600 && !s.Contains('[', StringComparison.Ordinal));

    private enum LineKind
    {
        Copied,
        Own,
        Fact,
        /// <summary>A sub-heading or a list item: stays on its own line, never opens with a connector.</summary>
        Item,
    }

    /// <summary>
    /// One unit writing one report: its style applied to every number and sentence, and the numbers it states
    /// recorded as <see cref="Mention"/>s when asked.
    /// </summary>
    private sealed class Pen(Writer w, ReportingPeriod period, PeriodFacts f, Random rng, List<Mention>? mentions)
    {
        private readonly List<(string Text, LineKind Kind)> _lines = new(8);
        private string _section = "";
        private List<string>? _pending;

        public Writer W { get; } = w;
        public WritingStyle Style { get; } = w.Style;
        public PeriodFacts F { get; } = f;
        public ReportingPeriod Period { get; } = period;
        public Random Rng { get; } = rng;
        public bool Commune => W.Sort == UnitSort.Commune;
        public bool Terse => Style.Verbosity == Verbosity.Terse;
        public bool Verbose => Style.Verbosity == Verbosity.Verbose;

        /// <summary>Starts a section; <paramref name="copied"/> goes first (or last, for units that state facts first) unless the section places it.</summary>
        public void Begin(string section, List<string> copied)
        {
            _section = section;
            _lines.Clear();
            _pending = copied;
        }

        /// <summary>The copied sentences, for the section to place itself.</summary>
        public List<string> TakePending()
        {
            var pending = _pending ?? [];
            _pending = null;
            return pending;
        }

        /// <summary>Money is stated once a report, so its sum across sections is the period's.</summary>
        public bool MoneyStated { get; set; }

        /// <summary>Records a "none" the text states in words ("không phát sinh đơn thư").</summary>
        public void Zero(Fact fact) => mentions?.Add(new Mention(_section, fact, 0));

        public void Own(string text) => _lines.Add((text, LineKind.Own));

        public void Copied(string text) => _lines.Add((text, LineKind.Copied));

        public void Stated(string text) => _lines.Add((text, LineKind.Fact));

        public void Item(string text) => _lines.Add((text, LineKind.Item));

        public bool Chance(double p) => Rng.NextDouble() < p;

        public T Pick<T>(IReadOnlyList<T> options) => options[Rng.Next(options.Count)];

        /// <summary>
        /// Which of <paramref name="count"/> wordings to use: the unit's favourite for this slot most of the time, so
        /// its sentence looks like last period's with new numbers; <paramref name="terse"/> often for terse writers.
        /// </summary>
        public int Choose(int slot, int count, int terse = -1)
        {
            if (terse >= 0 && Terse && Chance(0.6))
            {
                return terse;
            }

            return Chance(0.8) ? Favourite(slot) % count : Rng.Next(count);
        }

        private int Favourite(int slot)
        {
            var h = unchecked(((uint)W.Habit * 2654435761u) ^ ((uint)slot * 0x9E3779B9u));
            h ^= h >> 15;
            h = unchecked(h * 0x85EBCA77u);
            h ^= h >> 13;
            return (int)(h % 7919);
        }

        /// <summary>
        /// A count as the unit writes it ("02", "1.234"), recorded as a stated <paramref name="fact"/>; never padded
        /// in a fraction ("4/9", which "04/09" would make a date).
        /// </summary>
        public string N(int n, Fact fact, bool fraction = false)
        {
            mentions?.Add(new Mention(_section, fact, n));
            return Num(n, fraction);
        }

        /// <summary>A count as the unit writes it, not recorded (a part of a stated total, a date, a target).</summary>
        public string Num(int n, bool fraction = false) =>
            n is > 0 and < 10 && Style.ZeroPad && !fraction ? "0" + Digits(n)
            : n >= 1000 && Style.ThousandsDot ? Grouped(n)
            : Digits(n);

        public string Percent(decimal value, Fact fact)
        {
            mentions?.Add(new Mention(_section, fact, value));
            var text = value.ToString("0.#", CultureInfo.InvariantCulture);
            return (Style.DecimalPoint ? text : text.Replace('.', ',')) + (Style.SpaceBeforePercent ? " %" : "%");
        }

        public string Money(decimal millions)
        {
            mentions?.Add(new Mention(_section, Fact.MoneyMillionDong, millions));
            if (Style.FullDong)
            {
                return Grouped((long)(millions * 1_000_000)) + " đồng";
            }

            if (millions >= 1000 && Verbose)
            {
                return Decimal(millions / 1000) + " tỷ đồng";
            }

            return (millions == decimal.Truncate(millions) ? Num((int)millions) : Decimal(millions)) + " triệu đồng";
        }

        public string Area(int squareMetres) => N(squareMetres, Fact.LandDonatedSquareMetres) + (Style.PlainSquareMetre ? " m2" : " m²");

        private static string Decimal(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture).Replace(',', ' ').Replace('.', ',').Replace(' ', '.');

        private static string Digits(long n) => n.ToString(CultureInfo.InvariantCulture);

        private static string Grouped(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture).Replace(',', '.');

        /// <summary>What the unit calls itself here: its usual form mostly.</summary>
        public string Self => Style.Selves.Count > 1 && Chance(0.3) ? Style.Selves[1 + Rng.Next(Style.Selves.Count - 1)] : Style.Selves[0];

        public string SelfCap => Cap(Self);

        public string Q(string s) => Style.OpenQuote + s + Style.CloseQuote;

        /// <summary>"Dân vận khéo" as the unit quotes it (a few leave the quotes out).</summary>
        public string Dvk => Style.OpenQuote == "'" && Chance(0.3) ? "dân vận khéo" : Q("Dân vận khéo");

        public string Date(DateOnly d) => Pad2(d.Day) + "/" + Pad2(d.Month) + "/" + Digits(d.Year);

        private string Pad2(int n) => Style.ZeroPad || n >= 10 ? n.ToString("00", CultureInfo.InvariantCulture) : Digits(n);

        /// <summary>"trong tháng 12/2025", "trong quý", "từ ngày 15/11/2025 đến ngày 14/12/2025"… (lower case).</summary>
        public string When
        {
            get
            {
                var month = Period.Type == PeriodType.Month;
                var name = month ? "tháng " + Digits(Period.Index) : "quý " + ReportingPeriod.Roman(Period.Index);
                var (from, to) = Period.Window(PeriodSemantics.Decree09);
                return (Style.WhenForm + (Chance(0.15) ? 1 : 0)) switch
                {
                    0 => month ? "trong tháng" : "trong quý",
                    1 => "trong " + name,
                    2 => "trong " + PeriodName(),
                    3 => "trong kỳ báo cáo",
                    4 => "từ ngày " + Date(from) + " đến ngày " + Date(to),
                    _ => "trong kỳ",
                };
            }
        }

        public string WhenCap => Cap(When);

        /// <summary>"tháng 12/2025", "tháng 12 năm 2025", "quý IV/2025", "quý IV năm 2025".</summary>
        public string PeriodName() => Name(Period, Style.WhenForm % 2 == 0);

        /// <summary>The next period as the unit names it: "tháng tới", "tháng 01/2026", "thời gian tới"…</summary>
        public string Next => Style.NextForm switch
        {
            0 => Period.Type == PeriodType.Month ? "tháng tới" : "quý tới",
            1 => Name(Period.Next(), slash: true),
            2 => "thời gian tới",
            3 => Name(Period.Next(), slash: false),
            4 => "thời gian đến",
            _ => "kỳ tới",
        };

        private string Name(ReportingPeriod p, bool slash)
        {
            var month = p.Type == PeriodType.Month;
            var index = month ? Pad2(p.Index) : ReportingPeriod.Roman(p.Index);
            if (month && !Style.ZeroPad && p.Index < 10 && Chance(0.5))
            {
                index = Digits(p.Index);
            }

            return (month ? "tháng " : "quý ") + index + (slash ? "/" : " năm ") + Digits(p.Year);
        }

        /// <summary>Those a unit's meetings reach: the people of a commune, an office's own staff.</summary>
        public string Audience => Commune
            ? Pick(["người dân", "cán bộ và Nhân dân", "cán bộ, đảng viên và Nhân dân", "hội viên, đoàn viên và Nhân dân"])
            : Pick(["cán bộ, công chức, viên chức và người lao động", "công chức, viên chức", "đoàn viên công đoàn"]);

        /// <summary>The place of a commune's own activity: "thôn An Lợi" or, for an office, its one-stop desk.</summary>
        public string Where(string village) => Commune ? village : Pick(["trụ sở cơ quan", "Bộ phận Một cửa", "hội trường " + (Style.Selves[0].Length < 12 ? "đơn vị" : Style.Selves[0])]);

        public static string Cap(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];

        /// <summary>The section's text: connectors, old-style tones and typos applied, sentences run into paragraphs.</summary>
        public string End(bool narrative)
        {
            if (_pending is { } copied)
            {
                _lines.InsertRange(Style.FactsFirst && _section.StartsWith("I.", StringComparison.Ordinal) ? _lines.Count : 0, copied.Select(c => (c, LineKind.Copied)));
                _pending = null;
            }

            var sb = new StringBuilder(512);
            var inParagraph = 0;
            var connected = -2;
            for (var i = 0; i < _lines.Count; i++)
            {
                var (text, kind) = _lines[i];
                // A connector points back at the sentence before: never on a section's first, nor on two running sentences.
                if (i > 0 && i > connected + 1 && kind != LineKind.Item && _lines[i - 1].Kind != LineKind.Item && Chance(Style.ConnectorRate))
                {
                    var linked = Connect(text);
                    connected = ReferenceEquals(linked, text) ? connected : i;
                    text = linked;
                }

                if (Style.OldTones)
                {
                    text = OldTones(text);
                }

                if (Style.TypoRate > 0 && Chance(Style.TypoRate))
                {
                    text = Typo(text, Rng, wholeSentence: kind == LineKind.Copied);
                }

                var joins = narrative && kind != LineKind.Item && inParagraph > 0 && inParagraph < Style.Paragraph;
                if (sb.Length > 0)
                {
                    sb.Append(joins ? ' ' : '\n');
                }

                inParagraph = joins ? inParagraph + 1 : 1;
                sb.Append(text);
            }

            return sb.ToString();
        }

        private string Connect(string sentence)
        {
            // Not before a label ("Hạn chế, khó khăn: …", "Tiếp công dân: 02 buổi"), nor before one that already points back.
            var colon = sentence.IndexOf(':', StringComparison.Ordinal);
            if (colon is > 0 and < 40 || Openers.Any(o => sentence.StartsWith(o, StringComparison.Ordinal)) || !char.IsUpper(sentence[0]))
            {
                return sentence;
            }

            var connector = Chance(0.8) ? Style.Connector : Pick(["Bên cạnh đó,", "Ngoài ra,", "Đồng thời,", "Do đó,", "Vì vậy,", "Qua đó,"]);
            return connector + " " + (KeepsCapital(sentence) ? sentence : char.ToLower(sentence[0], CultureInfo.InvariantCulture) + sentence[1..]);
        }

        private bool KeepsCapital(string sentence)
        {
            var space = sentence.IndexOf(' ', StringComparison.Ordinal);
            var word = space < 0 ? sentence : sentence[..space];
            return (word.Length > 1 && char.IsUpper(word[1]))
                || Proper.Any(p => sentence.StartsWith(p, StringComparison.Ordinal))
                || sentence.StartsWith(W.Place, StringComparison.Ordinal)
                || Style.Selves.Any(s => char.IsUpper(s[0]) && s.Length > 4 && s != "Văn phòng" && s != "Ban Quản lý" && sentence.StartsWith(s, StringComparison.Ordinal));
        }
    }

    /// <summary>Sentence openings that already point back, or cannot take a connector in front.</summary>
    private static readonly string[] Openers =
    [
        "Do đó", "Vì vậy", "Bên cạnh", "Ngoài ra", "Đồng thời", "Qua đó", "Tuy nhiên", "Mặt khác", "Song song", "Đặc biệt", "Trong đó",
        "Nhìn chung", "Trên đây", "Thực hiện", "Căn cứ", "Nguyên nhân", "Lần đầu", "Trong ", "Từ ngày", "Kính", "Tính",
    ];

    /// <summary>Names that keep their capital after a connector.</summary>
    private static readonly string[] Proper =
    [
        "Ủy ban", "Uỷ ban", "Sở ", "Ban ", "Chỉ thị", "Nghị quyết", "Luật", "Nhân dân", "Đảng", "Mặt trận", "Trung tâm", "Chi cục",
        "Phòng ", "Văn phòng", "Thanh tra", "Đài ", "Quỹ ", "Trường ", "Chính phủ", "Thủ tướng", "Hội đồng", "Bộ phận Một cửa", "Hệ thống",
        "Tỉnh ủy", "Công đoàn", "Ủy ban Mặt trận", "Kế hoạch số", "Quyết định", "Chương trình",
    ];

    private static readonly (string New, string Old)[] Tones =
    [
        ("hóa", "hoá"), ("Hóa", "Hoá"), ("hòa", "hoà"), ("Hòa", "Hoà"), ("Ủy", "Uỷ"), ("ủy", "uỷ"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"),
        ("lũy", "luỹ"), ("tòa", "toà"), ("xóa", "xoá"),
    ];

    private static string OldTones(string s)
    {
        foreach (var (modern, old) in Tones)
        {
            if (s.Contains(modern, StringComparison.Ordinal))
            {
                s = s.Replace(modern, old, StringComparison.Ordinal);
            }
        }

        return s;
    }

    /// <summary>Misspellings seen in real reports, each of a word the generated text uses.</summary>
    private static readonly (string Right, string Wrong)[] Misspellings =
    [
        ("tiếp cận", "tiêp cận"), ("xây dựng", "xây dụng"), ("năng suất", "năng xuất"), ("quý", "quí"), ("kỷ luật", "kỉ luật"),
        ("kỷ cương", "kỉ cương"), ("giải quyết", "giải quyêt"), ("nhiệm vụ", "nhiệm nhiệm vụ"), ("chính quyền", "chính quền"),
        ("tuyên truyền", "tuyên truyển"), ("Nhân dân", "nhân dân"), ("thường xuyên", "thường xuyền"), ("phối hợp", "phôi hợp"),
    ];

    /// <summary>
    /// One slip of the kind people make in Word: a word or two typed without diacritics ("to chuc", "Nhan dan"), a
    /// known misspelling, a lost or doubled space; now and then (copied text only) a whole sentence without
    /// diacritics. Digits are never touched.
    /// </summary>
    private static string Typo(string s, Random rng, bool wholeSentence)
    {
        var kind = rng.Next(wholeSentence ? 10 : 9);
        if (kind == 9)
        {
            return StripDiacritics(s, 0, s.Length);
        }

        if (kind is 6 or 7)
        {
            var (right, wrong) = Misspellings[rng.Next(Misspellings.Length)];
            var at = s.IndexOf(right, StringComparison.Ordinal);
            if (at >= 0)
            {
                return string.Concat(s.AsSpan(0, at), wrong, s.AsSpan(at + right.Length));
            }
        }

        if (kind == 8)
        {
            var comma = s.IndexOf(", ", s.Length / 3, StringComparison.Ordinal);
            if (comma > 0)
            {
                return rng.Next(2) == 0 ? s.Remove(comma + 1, 1) : s.Insert(comma + 1, " ");
            }
        }

        // A word (or two running words) with its marks left out.
        var starts = new List<int>();
        for (var i = 0; i < s.Length; i++)
        {
            if ((i == 0 || s[i - 1] == ' ') && char.IsLetter(s[i]))
            {
                starts.Add(i);
            }
        }

        if (starts.Count == 0)
        {
            return s;
        }

        var first = rng.Next(starts.Count);
        var words = kind % 2 == 0 ? 1 : 2;
        var end = first + words < starts.Count ? starts[first + words] - 1 : s.Length;
        return StripDiacritics(s, starts[first], end);
    }

    private static readonly Dictionary<char, char> Plain = BuildPlain();

    private static Dictionary<char, char> BuildPlain()
    {
        var map = new Dictionary<char, char> { ['đ'] = 'd', ['Đ'] = 'D' };
        foreach (var range in new[] { (0xC0, 0x1B0), (0x1EA0, 0x1EF9) })
        {
            for (var c = (char)range.Item1; c <= range.Item2; c++)
            {
                var d = c.ToString().Normalize(NormalizationForm.FormD);
                if (d.Length > 1 && char.IsAsciiLetter(d[0]))
                {
                    map[c] = d[0];
                }
            }
        }

        return map;
    }

    private static string StripDiacritics(string s, int from, int to)
    {
        var chars = s.ToCharArray();
        for (var i = from; i < to && i < chars.Length; i++)
        {
            if (Plain.TryGetValue(chars[i], out var plain))
            {
                chars[i] = plain;
            }
        }

        return new string(chars);
    }
}
