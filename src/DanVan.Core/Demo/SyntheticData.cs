using System.Globalization;
using System.Text;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Demo;

public sealed record GenerateOptions
{
    public int Provinces { get; init; } = 1;

    /// <summary>Communes in all, spread evenly over the provinces (3,321 is the country since 01/7/2025).</summary>
    public int Communes { get; init; } = 100;

    /// <summary>Departments, boards and their subordinate units in all, spread evenly over the provinces.</summary>
    public int Departments { get; init; } = 20;

    public int Periods { get; init; } = 12;

    public PeriodType PeriodType { get; init; } = PeriodType.Month;

    /// <summary>The last period generated; null: December 2025 (or its quarter, half, year).</summary>
    public ReportingPeriod? Until { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Several sentences per section (true) or one (false, smaller and faster).</summary>
    public bool FullText { get; init; } = true;

    /// <summary>When set, one consolidator account per province ("snv.g1-p01") with this password.</summary>
    public string? Password { get; init; }
}

public sealed record GeneratedProvince(string Code, string Name, string Consolidator, int Units, int Plan, string? User);

public sealed record GenerateResult(
    IReadOnlyList<GeneratedProvince> Provinces,
    IReadOnlyList<string> Periods,
    int Plans,
    int Reports,
    int Sections,
    int Figures,
    int OnTime,
    int Late,
    int Missing);

/// <summary>
/// Realistic synthetic data at any scale for benchmarks: provinces on the post-2025 two-tier model (province →
/// communes, plus departments, boards and their units), a monthly or quarterly plan each, and every unit's report
/// for every period — most on time, some late, some missing — written by <see cref="SyntheticText"/> as real units
/// write: province-wide boilerplate and the seed reports' sentences copied period after period, each unit's facts in
/// its own wordings and number style, difficulties, tasks and proposals; the figures are the numbers the text states.
/// Deterministic for a seed; rows go in by batches with change tracking off.
/// </summary>
public sealed class SyntheticData(DanVanDbContext db, UserManager<AppUser> users)
{
    private static readonly Dictionary<string, int> TemplateIndex = ReportTemplate.Default.Select((t, i) => (t.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);

    private const int Batch = 400;

    public static IReadOnlyList<string> ProvinceNames { get; } =
    [
        "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
        "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng",
        "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long",
        "Đồng Tháp", "Cà Mau", "An Giang",
    ];

    private static readonly HashSet<string> Cities = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"];

    private static readonly (string Name, UnitKind Kind)[] TopUnits =
    [
        ("Văn phòng Ủy ban nhân dân", UnitKind.Department), ("Sở Tài chính", UnitKind.Department), ("Sở Xây dựng", UnitKind.Department),
        ("Sở Nông nghiệp và Môi trường", UnitKind.Department), ("Sở Y tế", UnitKind.Department), ("Sở Giáo dục và Đào tạo", UnitKind.Department),
        ("Sở Văn hóa, Thể thao và Du lịch", UnitKind.Department), ("Sở Khoa học và Công nghệ", UnitKind.Department), ("Sở Công Thương", UnitKind.Department),
        ("Sở Tư pháp", UnitKind.Department), ("Thanh tra", UnitKind.Department), ("Sở Dân tộc và Tôn giáo", UnitKind.Department),
        ("Sở Ngoại vụ", UnitKind.Department), ("Ban Quản lý các khu công nghiệp", UnitKind.Board),
        ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", UnitKind.Board),
        ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp", UnitKind.Board),
        ("Đài Phát thanh và Truyền hình", UnitKind.Other), ("Trung tâm Phục vụ hành chính công", UnitKind.Other),
        ("Quỹ Đầu tư phát triển", UnitKind.Other), ("Trường Cao đẳng Kỹ thuật", UnitKind.Other),
    ];

    private static readonly string[] SubKinds = ["Chi cục", "Trung tâm", "Ban", "Phòng"];

    private static readonly string[] First =
    [
        "An", "Bình", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Hưng", "Phước", "Vĩnh", "Quang", "Minh", "Đông", "Tây", "Nam",
        "Trung", "Thuận", "Lộc", "Hiệp", "Kim", "Ngọc", "Hải", "Sơn", "Thanh", "Xuân", "Cẩm", "Đức", "Gia", "Hồng", "Trà",
    ];

    private static readonly string[] Second =
    [
        "Bình", "Hòa", "Phú", "Lợi", "Thành", "Hưng", "Lộc", "Phước", "Thịnh", "An", "Sơn", "Lâm", "Hải", "Trung", "Đông",
        "Tây", "Mỹ", "Khánh", "Tiến", "Lạc", "Dương", "Tân", "Điền", "Thủy", "Hội", "Nghĩa", "Hiệp", "Quý", "Yên", "Vinh",
    ];

    private static readonly string[] Suffixes = ["", " Đông", " Tây", " Nam", " Bắc", " Trung", " Thượng", " Hạ"];

    private static readonly (string Name, string Unit, FigureKind Kind, Rollup Rollup)[] FigureSpecs =
    [
        ("Số buổi tiếp công dân", "buổi", FigureKind.WholeNumber, Rollup.Sum),
        ("Số lượt công dân được tiếp", "lượt", FigureKind.WholeNumber, Rollup.Sum),
        ("Số đơn thư tiếp nhận", "đơn", FigureKind.WholeNumber, Rollup.Sum),
        ("Số đơn thư đã giải quyết", "đơn", FigureKind.WholeNumber, Rollup.Sum),
        ("Số mô hình \"Dân vận khéo\" đăng ký", "mô hình", FigureKind.WholeNumber, Rollup.Sum),
        ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "%", FigureKind.DecimalNumber, Rollup.Mean),
    ];

    /// <summary>The plan's derived rate, computed from figures 3 and 4, and the rule between them.</summary>
    private static PlanFigure ResolvedRate(int order) => new()
    {
        Name = "Tỷ lệ đơn thư đã giải quyết",
        UnitOfMeasure = "%",
        Kind = FigureKind.DecimalNumber,
        Rollup = Rollup.Recompute,
        Formula = "[4] / [3] × 100",
        Order = order,
        Code = (order + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task<GenerateResult> GenerateAsync(GenerateOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        Validate(options);
        if (options.Password is { } password)
        {
            // Checked before anything is written: a refused password left a half-generated province behind, and the
            // retry then failed on its unit codes.
            foreach (var validator in users.PasswordValidators)
            {
                if (await validator.ValidateAsync(users, new AppUser { FullName = "" }, password) is { Succeeded: false } refused)
                {
                    throw new DomainException(nameof(options.Password), $"--password: {string.Join(" ", refused.Errors.Select(e => e.Description))}");
                }
            }
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"G{options.Seed}-");
        if (await db.Units.AnyAsync(u => u.Code.StartsWith(prefix), ct))
        {
            throw new DomainException(nameof(options.Seed), $"Units with codes {prefix}… exist already: generate into a fresh database or with another --seed.");
        }

        var rng = new Random(options.Seed);
        var text = new SyntheticText(options.FullText);
        var until = options.Until ?? ReportingPeriod.Create(options.PeriodType, 2026, 1).Previous();
        var periods = Completeness.Series(until, options.Periods);
        var calendar = WorkingCalendar.From(await db.CalendarDays.AsNoTracking().ToListAsync(ct));
        var unitsFrom = periods[0].CalendarWindow().Start.AddYears(-1);
        var total = (options.Communes + options.Departments) * periods.Count;
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var provinces = new List<GeneratedProvince>();
            var counts = new Counts();
            for (var p = 0; p < options.Provinces; p++)
            {
                var (province, snv, reporting) = BuildUnits(options, p, prefix, unitsFrom, rng);
                db.Units.Add(province);
                await db.SaveChangesAsync(ct);
                db.Units.Add(snv);
                db.Units.AddRange(reporting.Select(r => r.Unit).Where(u => u.ParentLinks[0].Parent == province));
                await db.SaveChangesAsync(ct);
                db.Units.AddRange(reporting.Select(r => r.Unit).Where(u => u.ParentLinks[0].Parent != province));
                await db.SaveChangesAsync(ct);
                var plan = NewPlan(province, p, periods);
                db.Plans.Add(plan);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();

                var user = options.Password is null ? null : await AddConsolidatorAsync(snv, province, options.Password);
                var provinceName = province.Names[0].Name;
                var cited = new PlanRef(plan.Number, plan.IssuedOn, provinceName, plan.Summary);
                foreach (var period in periods)
                {
                    var deadline = PlanSchedule.For(plan, period, calendar).UnitDeadline;
                    var boilerplate = text.Boilerplate(rng, provinceName.Replace("Ủy ban nhân dân ", "", StringComparison.Ordinal));
                    foreach (var chunk in reporting.Chunk(Batch))
                    {
                        foreach (var unit in chunk)
                        {
                            if (NewReport(unit, plan, cited, period, deadline, boilerplate, text, rng, counts) is { } report)
                            {
                                db.Reports.Add(report);
                            }
                        }

                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                        counts.Done += chunk.Length;
                        progress?.Report((counts.Done, total));
                    }
                }

                provinces.Add(new GeneratedProvince(province.Code, provinceName, snv.Code, reporting.Count, plan.Id, user));
            }

            return new GenerateResult(provinces, periods.Select(p => p.ToString()).ToList(), provinces.Count, counts.Reports, counts.Sections, counts.Figures, counts.OnTime, counts.Late, counts.Missing);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            db.ChangeTracker.Clear();
        }
    }

    private static void Validate(GenerateOptions o)
    {
        if (o.Provinces is < 1 or > 1000 || o.Communes < 0 || o.Departments < 0 || o.Communes + o.Departments < o.Provinces || o.Communes + o.Departments > 2_000_000)
        {
            throw new DomainException(nameof(o.Provinces), "Need 1–1,000 provinces and at least one commune or department per province.");
        }

        if (o.Periods is < 1 or > 120)
        {
            throw new DomainException(nameof(o.Periods), "Periods must be 1–120.");
        }

        if (o.Until is { } until && (until.Year > 2100 || Completeness.Series(until, o.Periods)[0].Year < 2000))
        {
            throw new DomainException(nameof(o.Until), $"--until {until} with {o.Periods} periods reaches outside 2000–2100, the years plans may have.");
        }
    }

    /// <summary>Item <paramref name="index"/>'s share when <paramref name="total"/> things are spread over <paramref name="parts"/>.</summary>
    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

    private sealed class Counts
    {
        public int Done { get; set; }
        public int Reports { get; set; }
        public int Sections { get; set; }
        public int Figures { get; set; }
        public int OnTime { get; set; }
        public int Late { get; set; }
        public int Missing { get; set; }
    }

    /// <summary>A reporting unit: how reliably it reports, and how it writes.</summary>
    private sealed record Reporter(OrgUnit Unit, double Reliability, Writer Writer);

    private static (OrgUnit Province, OrgUnit Snv, List<Reporter> Reporting) BuildUnits(GenerateOptions o, int index, string prefix, DateOnly from, Random rng)
    {
        var place = index < ProvinceNames.Count ? ProvinceNames[index] : string.Create(CultureInfo.InvariantCulture, $"Thử nghiệm {index + 1}");
        var level = Cities.Contains(place) ? "thành phố" : "tỉnh";
        var code = string.Create(CultureInfo.InvariantCulture, $"{prefix}P{index + 1:00}");
        var province = Unit(code, $"Ủy ban nhân dân {level} {place}", UnitKind.Province, place, null, from);
        var snv = Unit(code + "-SNV", $"Sở Nội vụ {level} {place}", UnitKind.Department, place, province, from);
        snv.ConsolidatesFor = province;

        var reporting = new List<Reporter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var communes = Share(o.Communes, o.Provinces, index);
        for (var i = 0; i < communes; i++)
        {
            var name = PlaceName(rng, names, i);
            var kind = rng.NextDouble() switch { < 0.82 => "xã", < 0.995 => "phường", _ => "đặc khu" };
            var unit = Unit(string.Create(CultureInfo.InvariantCulture, $"{code}-X{i + 1:0000}"), $"Ủy ban nhân dân {kind} {name}", UnitKind.Commune, name, province, from);
            reporting.Add(NewReporter(unit, $"UBND {kind} {name}", name, place, level, UnitSort.Commune, kind, rng));
        }

        var departments = Share(o.Departments, o.Provinces, index);
        var top = Math.Clamp((departments + 9) / 10, Math.Min(departments, 1), Math.Min(departments, TopUnits.Length));
        var tops = new List<OrgUnit>();
        for (var i = 0; i < top; i++)
        {
            var (name, kind) = TopUnits[i];
            var unit = Unit(string.Create(CultureInfo.InvariantCulture, $"{code}-D{i + 1:00}"), $"{name} {level} {place}", kind, place, province, from);
            tops.Add(unit);
            reporting.Add(NewReporter(unit, name, place, place, level, kind == UnitKind.Board ? UnitSort.Board : kind == UnitKind.Department ? UnitSort.Department : UnitSort.Centre, "", rng));
        }

        for (var i = 0; i < departments - top; i++)
        {
            var parent = tops[i % top];
            var area = PlaceName(rng, names, communes + i);
            var name = $"{SubKinds[rng.Next(SubKinds.Length)]} khu vực {area} thuộc {TopUnits[i % top].Name}";
            var unit = Unit(string.Create(CultureInfo.InvariantCulture, $"{parent.Code}-{(i / top) + 1:000}"), name, UnitKind.Other, area, parent, from);
            reporting.Add(NewReporter(unit, name, area, place, level, UnitSort.Centre, "", rng));
        }

        return (province, snv, reporting);
    }

    private static Reporter NewReporter(OrgUnit unit, string shortName, string place, string province, string level, UnitSort sort, string localWord, Random rng)
    {
        var reliability = rng.NextDouble() switch { < 0.7 => 0.93, < 0.9 => 0.75, _ => 0.55 };
        var habit = rng.Next();
        var villages = Enumerable.Range(0, 3).Select(_ => $"{(rng.Next(3) == 0 ? "tổ dân phố" : "thôn")} {First[rng.Next(First.Length)]} {Second[rng.Next(Second.Length)]}").ToArray();
        return new Reporter(unit, reliability, Writer.Create(shortName, place, province, level, sort, localWord, villages, habit));
    }

    private static string PlaceName(Random rng, HashSet<string> taken, int ordinal)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var name = First[rng.Next(First.Length)] + " " + Second[rng.Next(Second.Length)] + Suffixes[rng.Next(Suffixes.Length)];
            if (First.Contains(name) || !taken.Add(name))
            {
                continue;
            }

            return name;
        }

        var numbered = string.Create(CultureInfo.InvariantCulture, $"{First[ordinal % First.Length]} {Second[ordinal / First.Length % Second.Length]} {ordinal}");
        taken.Add(numbered);
        return numbered;
    }

    private static OrgUnit Unit(string code, string name, UnitKind kind, string place, OrgUnit? parent, DateOnly from)
    {
        var unit = new OrgUnit { Code = code, Kind = kind, PlaceName = place, Names = [new UnitName { Name = name, ValidFrom = from }] };
        if (parent is not null)
        {
            unit.ParentLinks.Add(new UnitParentLink { Parent = parent, ValidFrom = from });
        }

        return unit;
    }

    private static Plan NewPlan(OrgUnit province, int index, IReadOnlyList<ReportingPeriod> periods)
    {
        var issued = periods[0].Window(PeriodSemantics.Decree09).Start.AddDays(-20);
        return new Plan
        {
            OwnerUnitId = province.Id,
            Number = string.Create(CultureInfo.InvariantCulture, $"{12 + (index % 80)}/KH-UBND"),
            IssuedOn = issued,
            Summary = $"Thực hiện công tác dân vận chính quyền và báo cáo định kỳ năm {periods[^1].Year}",
            PeriodType = periods[0].Type,
            Semantics = PeriodSemantics.Decree09,
            FirstPeriod = periods[0].ToString(),
            LastPeriod = periods[^1].ToString(),
            Audience = AudienceKind.Subtree,
            UnitDeadlineKind = DeadlineKind.WorkingDaysAfterCutoff,
            UnitDeadlineValue = 3,
            OwnerDeadlineKind = DeadlineKind.WorkingDaysAfterCutoff,
            OwnerDeadlineValue = 6,
            LockAfterDays = 30,
            CreatedAt = issued.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
            CreatedBy = "danvan generate",
            Sections = ReportTemplate.Default.Where(t => t.Level > 0)
                .Select((t, i) => new PlanSection { Key = t.Key, Heading = t.Heading, Level = t.Level, Order = i, Required = t.Level == 1, Guidance = SyntheticText.Guidance(t.Key) })
                .ToList(),
            Addressees = [.. Plan.ProvinceAddressees],
            Recipients = [.. Plan.ProvinceRecipients],
            Figures = [.. FigureSpecs.Select((f, i) => new PlanFigure { Name = f.Name, UnitOfMeasure = f.Unit, Kind = f.Kind, Rollup = f.Rollup, Order = i, Code = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }), ResolvedRate(FigureSpecs.Length)],
            Rules = [new PlanRule { Expression = "[4] <= [3]", Message = "Số đơn thư đã giải quyết không vượt quá số đơn thư tiếp nhận" }],
        };
    }

    private async Task<string> AddConsolidatorAsync(OrgUnit snv, OrgUnit province, string password)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        var name = "snv." + province.Code.ToLowerInvariant();
        var user = new AppUser { UserName = name, FullName = "Chuyên viên tổng hợp " + province.PlaceName, JobTitle = "Chuyên viên", UnitId = snv.Id, EmailConfirmed = true, LockoutEnabled = true };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, Roles.Consolidator));
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return name;

        void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new DomainException("Password", string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
    }

    private static Report? NewReport(Reporter unit, Plan plan, PlanRef cited, ReportingPeriod period, DateOnly deadline, string[] boilerplate, SyntheticText text, Random rng, Counts counts)
    {
        var roll = rng.NextDouble();
        var lateShare = (1 - unit.Reliability) * 0.6;
        var outcome = roll < unit.Reliability ? Timeliness.OnTime : roll < unit.Reliability + lateShare ? Timeliness.Late : Timeliness.Overdue;
        // Half the units that miss a deadline never start; the others leave a draft or a returned report.
        var started = outcome != Timeliness.Overdue || rng.Next(2) == 0;
        var facts = PeriodFacts.Draw(rng, period, unit.Writer);
        unit.Writer.ModelsSoFar += facts.Models;
        if (outcome == Timeliness.Overdue)
        {
            counts.Missing++;
        }
        else if (outcome == Timeliness.Late)
        {
            counts.Late++;
        }
        else
        {
            counts.OnTime++;
        }

        if (!started)
        {
            return null;
        }

        var due = deadline.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc).AddHours(-7);
        DateTime? submitted = outcome switch
        {
            Timeliness.OnTime => due.AddDays(-rng.Next(0, 7)).AddMinutes(-rng.Next(0, 9 * 60)),
            Timeliness.Late => due.AddDays(rng.Next(1, 12)).AddMinutes(-rng.Next(0, 9 * 60)),
            _ => null,
        };
        var accepted = submitted is { } s && rng.NextDouble() < 0.75 ? s.AddDays(rng.Next(1, 4)) : (DateTime?)null;
        var status = submitted is null ? (rng.Next(3) == 0 ? ReportStatus.Returned : ReportStatus.Draft) : accepted is null ? ReportStatus.Submitted : ReportStatus.Accepted;
        var created = (submitted ?? due).AddDays(-rng.Next(3, 10));
        var report = new Report
        {
            UnitId = unit.Unit.Id,
            Period = period.ToString(),
            Title = ReportTemplate.DefaultTitle(period.ToVietnamese()),
            Status = status,
            PlanId = plan.Id,
            CreatedAt = created,
            SubmittedAt = submitted,
            AcceptedAt = accepted,
            Version = submitted is null ? 1 : 3,
        };
        // The wording draws from a stream of its own, so the statuses and figures of a seed do not depend on it.
        var texts = text.Write(unit.Writer, period, facts, cited, boilerplate, new Random(rng.Next()));
        // Sections as any new report has them (ReportTemplate.Outline), written as its staff wrote them.
        report.Sections = DemoData.Written(ReportTemplate.Outline(plan), s => texts[TemplateIndex[s.Key]], "canbo", created);

        for (var i = 0; i < plan.Figures.Count; i++)
        {
            var f = plan.Figures[i];
            if (f.IsTyped)
            {
                report.Figures.Add(new ReportFigure { Name = f.Name, UnitOfMeasure = f.UnitOfMeasure, Order = i, Value = facts.Figure(i), PlanFigureId = f.Id });
            }
        }

        ReportService.ApplyIndicators(report.Figures, plan.Figures, plan.Rules);

        report.Transitions.Add(new ReportTransition { At = created, UserName = "canbo", ToStatus = ReportStatus.Draft });
        if (submitted is { } sent)
        {
            report.Transitions.Add(new ReportTransition { At = sent, UserName = "lanhdao", FromStatus = ReportStatus.Draft, ToStatus = ReportStatus.Submitted });
        }

        if (accepted is { } at)
        {
            report.Transitions.Add(new ReportTransition { At = at, UserName = "tonghop", FromStatus = ReportStatus.Submitted, ToStatus = ReportStatus.Accepted });
        }

        counts.Reports++;
        counts.Sections += report.Sections.Count;
        counts.Figures += report.Figures.Count;
        return report;
    }
}
