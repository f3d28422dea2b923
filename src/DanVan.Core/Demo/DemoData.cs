using System.Reflection;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Demo;

public sealed record DemoAccount(string UserName, string FullName, string Role, string UnitCode, string? JobTitle);

/// <summary>
/// Demo data: two provinces with their Sở Nội vụ, the two real seed reports stored as accepted reports of the units
/// that wrote them, the reports of the period before today's open one (so a new report shows last period's task
/// checklist on first log-in), the board's draft of the open month to continue, and one account per role.
/// The units start as they were before 1/7/2025 (Lâm Đồng, Đắk Nông, Bình Thuận, Quảng Ngãi, Kon Tum; huyện Trà Bồng
/// with xã Trà Tân and xã Trà Bùi, each with its Q1 and Q2/2025 reports) and the arrangement of 1/7/2025 is applied
/// through <see cref="ReorganisationService"/>, as an administrator would: the provinces merge as Nghị quyết
/// 202/2025/QH15 decided, the district is dissolved, and Trà Tân, moved under the province, reports Q3/2025 after
/// the merger. The commune arrangement is simplified: Nghị quyết 1677/NQ-UBTVQH15 made Trà Tân and part of Trà Bùi the
/// new xã Cà Đam and gave the rest of Trà Bùi to xã Tây Trà Bồng; the demo merges Trà Bùi into Trà Tân (README).
/// </summary>
public sealed class DemoData(DanVanDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, ReportService reports, ReorganisationService reorganisations, TimeProvider clock)
{
    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", "Quản trị hệ thống", Roles.Admin, "LD-SNV", null),
        new("snv.lamdong", "Nguyễn Thị Hạnh", Roles.Consolidator, "LD-SNV", "Chuyên viên"),
        new("snv.quangngai", "Trần Văn Minh", Roles.Consolidator, "QNG-SNV", "Chuyên viên"),
        // The province's leaders issue the consolidated reports Sở Nội vụ drafts for them.
        new("lamdong.lanhdao", "Võ Thành Nam", Roles.Leader, "LD", "Phó Chủ tịch"),
        new("quangngai.lanhdao", "Nguyễn Hoàng Phúc", Roles.Leader, "QNG", "Chủ tịch"),
        new("bqlda.canbo", "Lê Văn Hùng", Roles.Staff, "LD-BQLDAGT", "Chuyên viên"),
        new("bqlda.lanhdao", "Phạm Quốc Dũng", Roles.Leader, "LD-BQLDAGT", "Giám đốc"),
        new("tratan.canbo", "Hồ Thị Lan", Roles.Staff, "QNG-TRATAN", "Công chức Văn phòng - Thống kê"),
        new("tratan.lanhdao", "Đinh Văn Sơn", Roles.Leader, "QNG-TRATAN", "Chủ tịch"),
        // Trà Bùi's people are left in their merged commune: the administrator moves them (/admin/units/reorganise).
        new("trabui.canbo", "Hồ Văn Bình", Roles.Staff, "QNG-TRABUI", "Công chức Văn phòng - Thống kê"),
        new("trabui.lanhdao", "Đinh Thị Hoa", Roles.Leader, "QNG-TRABUI", "Chủ tịch"),
    ];

    /// <summary>The provinces' arrangement: Lâm Đồng with Đắk Nông and Bình Thuận, Quảng Ngãi with Kon Tum.</summary>
    public const string ProvinceResolution = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội";

    public const string CommuneResolution = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội";

    /// <summary>The law of two-tier local government, which ended the districts from 1/7/2025.</summary>
    public const string DistrictsEnd = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15";

    /// <summary>A password Identity's policy accepts (upper, lower, digit, 8+), for demo accounts when none is configured.</summary>
    public static string NewPassword() =>
        "Dv" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5)).ToLowerInvariant() + "#" + System.Security.Cryptography.RandomNumberGenerator.GetInt32(10, 99);

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }
    }

    /// <summary>Seeds once: returns false and changes nothing when units already exist.</summary>
    public async Task<bool> SeedAsync(string password, CancellationToken ct = default)
    {
        await EnsureRolesAsync(roles);
        if (await db.Units.AnyAsync(ct))
        {
            return false;
        }

        var longAgo = new DateOnly(2020, 1, 1);
        var reform = new DateOnly(2025, 7, 1);

        var lamDong = Unit("LD", "Ủy ban nhân dân tỉnh Lâm Đồng", UnitKind.Province, "Lâm Đồng", null, longAgo);
        var quangNgai = Unit("QNG", "Ủy ban nhân dân tỉnh Quảng Ngãi", UnitKind.Province, "Quảng Ngãi", null, longAgo);
        var dakNong = Unit("DNO", "Ủy ban nhân dân tỉnh Đắk Nông", UnitKind.Province, "Đắk Nông", null, longAgo);
        var binhThuan = Unit("BTH", "Ủy ban nhân dân tỉnh Bình Thuận", UnitKind.Province, "Bình Thuận", null, longAgo);
        var konTum = Unit("KTM", "Ủy ban nhân dân tỉnh Kon Tum", UnitKind.Province, "Kon Tum", null, longAgo);
        db.Units.AddRange(lamDong, quangNgai, dakNong, binhThuan, konTum);
        await db.SaveChangesAsync(ct);

        var snvLd = Unit("LD-SNV", "Sở Nội vụ tỉnh Lâm Đồng", UnitKind.Department, "Lâm Đồng", lamDong, longAgo);
        snvLd.ConsolidatesForId = lamDong.Id;
        var board = Unit("LD-BQLDAGT", "Ban Quản lý dự án giao thông tỉnh Lâm Đồng", UnitKind.Board, "Lâm Đồng", lamDong, longAgo);
        var xuanHuong = Unit("LD-XUANHUONG", "Ủy ban nhân dân phường Xuân Hương - Đà Lạt", UnitKind.Commune, "Xuân Hương - Đà Lạt", lamDong, reform);
        var lacDuong = Unit("LD-LACDUONG", "Ủy ban nhân dân xã Lạc Dương", UnitKind.Commune, "Lạc Dương", lamDong, reform);

        var snvQn = Unit("QNG-SNV", "Sở Nội vụ tỉnh Quảng Ngãi", UnitKind.Department, "Quảng Ngãi", quangNgai, longAgo);
        snvQn.ConsolidatesForId = quangNgai.Id;
        var traBong = Unit("QNG-TRABONG-H", "Ủy ban nhân dân huyện Trà Bồng", UnitKind.District, "Trà Bồng", quangNgai, longAgo);
        var camThanh = Unit("QNG-CAMTHANH", "Ủy ban nhân dân phường Cẩm Thành", UnitKind.Commune, "Cẩm Thành", quangNgai, reform);
        db.Units.AddRange(snvLd, board, xuanHuong, lacDuong, snvQn, traBong, camThanh);
        await db.SaveChangesAsync(ct);

        // Trà Tân and Trà Bùi belonged to huyện Trà Bồng until districts were abolished on 01/7/2025; the arrangement
        // applied below moves and merges them (docs/domain.md, "Units and the 2025 reorganisation").
        var traTan = Unit("QNG-TRATAN", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, "Trà Tân", traBong, longAgo);
        var traBui = Unit("QNG-TRABUI", "Ủy ban nhân dân xã Trà Bùi", UnitKind.Commune, "Trà Bùi", traBong, longAgo);
        db.Units.AddRange(traTan, traBui);
        await db.SaveChangesAsync(ct);

        var byCode = new[] { lamDong, quangNgai, snvLd, board, xuanHuong, lacDuong, snvQn, traBong, camThanh, traTan, traBui }.ToDictionary(u => u.Code);
        foreach (var account in Accounts)
        {
            var user = new AppUser
            {
                UserName = account.UserName,
                FullName = account.FullName,
                JobTitle = account.JobTitle,
                UnitId = byCode[account.UnitCode].Id,
                EmailConfirmed = true,
                LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, password), account.UserName);
            Check(await users.AddToRoleAsync(user, account.Role), account.UserName);
        }

        db.PeriodDeadlines.AddRange(
            new PeriodDeadline { ScopeUnitId = lamDong.Id, Period = "2024-07", DueOn = new DateOnly(2024, 7, 20) },
            new PeriodDeadline { ScopeUnitId = quangNgai.Id, Period = "2025-Q1", DueOn = new DateOnly(2025, 3, 20) });

        // The plans the seed reports answer (cited in them), and the province's plan for communes after the reform.
        // The province's consolidated reports go to the ministry; the district's up the chain to Sở Nội vụ.
        var ldPlan = DemoPlan(lamDong, "2040/KH-UBND", new DateOnly(2024, 3, 15), "Thực hiện công tác dân vận chính quyền năm 2024 và các năm tiếp theo", PeriodType.Month, "2024-03", null);
        (ldPlan.Addressees, ldPlan.Recipients) = ([.. Plan.ProvinceAddressees], [.. Plan.ProvinceRecipients]);
        var traBongPlan = DemoPlan(traBong, "42/KH-UBND", new DateOnly(2025, 3, 21), "Thực hiện quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2025", PeriodType.Quarter, "2025-Q1", "2025-Q2");
        traBongPlan.Recipients = ["Như trên", "Thường trực Huyện ủy", "Thường trực HĐND huyện"];
        var qngPlan = DemoPlan(quangNgai, "156/KH-UBND", new DateOnly(2025, 7, 10), "Báo cáo công tác dân vận chính quyền của các xã, phường sau sắp xếp", PeriodType.Quarter, "2025-Q3", null);
        (qngPlan.Addressees, qngPlan.Recipients) = ([.. Plan.ProvinceAddressees], [.. Plan.ProvinceRecipients]);
        db.Plans.AddRange(ldPlan, traBongPlan, qngPlan);
        await db.SaveChangesAsync(ct);

        // Accepted reports were issued: each carries its number in its body's register, which goes on from there.
        db.Reports.Add(SeedReport(board, ldPlan, "bqlda-2024-07.txt", ReportingPeriod.Month(2024, 7), "bqlda", new DateTime(2024, 7, 26, 2, 0, 0, DateTimeKind.Utc), 112));
        db.Reports.Add(SeedReport(traTan, traBongPlan, "tratan-2025-Q1.txt", ReportingPeriod.Quarter(2025, 1), "tratan", new DateTime(2025, 3, 18, 3, 0, 0, DateTimeKind.Utc), 5));
        List<DocumentCounter> counters = [
            new DocumentCounter { UnitId = board.Id, Year = 2024, LastNumber = 112 },
            new DocumentCounter { UnitId = traTan.Id, Year = 2025, LastNumber = 5 }];
        var seeded = new HashSet<(int, string)> { (board.Id, "2024-07"), (traTan.Id, "2025-Q1") };
        foreach (var (unit, plan, prefix, tasks) in new[] { (traTan, qngPlan, "tratan", CommuneTasks), (board, ldPlan, "bqlda", BoardTasks) })
        {
            if (LastPeriodReport(unit, plan, prefix, tasks, counters, seeded) is { } last)
            {
                db.Reports.Add(last);
            }
        }

        // Both sides of the merger, each once its period has ended: the two communes' quarters under the district's
        // plan, then Trà Tân's first quarter under the province's.
        foreach (var (unit, plan, prefix, period) in new[]
        {
            (traBui, traBongPlan, "trabui", ReportingPeriod.Quarter(2025, 1)), (traBui, traBongPlan, "trabui", ReportingPeriod.Quarter(2025, 2)),
            (traTan, traBongPlan, "tratan", ReportingPeriod.Quarter(2025, 2)), (traTan, qngPlan, "tratan", ReportingPeriod.Quarter(2025, 3)),
        })
        {
            if (period.Window(plan.Semantics).End < VietnamTime.Today(clock) && seeded.Add((unit.Id, period.ToString())))
            {
                var report = AcceptedReport(unit, plan, period, prefix, CommuneTasks, counters);
                report.Figures = CommuneFigures(plan, unit.Id == traTan.Id ? 1 : 0, period);
                db.Reports.Add(report);
            }
        }

        db.DocumentCounters.AddRange(counters);
        await db.SaveChangesAsync(ct);
        await DraftAsync(board, ct);
        await ReorganiseAsync(ct);
        return true;
    }

    /// <summary>The arrangement of 1/7/2025, applied as the administrator would, through the same service as the admin page.</summary>
    private async Task ReorganiseAsync(CancellationToken ct)
    {
        var reform = new DateOnly(2025, 7, 1);
        var admin = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("Demo administrator missing.");
        var actor = new Actor(admin.Id, "admin", admin.FullName, admin.UnitId, new HashSet<string> { Roles.Admin });
        await reorganisations.ApplyAsync(
            [
                new ReorganisationRow { Row = 1, Code = "LD", EffectiveOn = reform, LegalBasis = ProvinceResolution, Predecessors = [new("DNO"), new("BTH")] },
                new ReorganisationRow { Row = 2, Code = "QNG", EffectiveOn = reform, LegalBasis = ProvinceResolution, Predecessors = [new("KTM")] },
                new ReorganisationRow { Row = 3, Code = "QNG-TRATAN", ParentCode = "QNG", EffectiveOn = reform, LegalBasis = CommuneResolution, Predecessors = [new("QNG-TRABUI")] },
                new ReorganisationRow { Row = 4, Code = "QNG-TRABONG-H", Dissolve = true, EffectiveOn = reform, LegalBasis = DistrictsEnd },
            ],
            actor,
            ct);
    }

    /// <summary>
    /// The demo plans' counted figures for a commune's quarter: citizens received, complaints received and resolved,
    /// made up but steady, so a comparison across the merger has numbers on both sides.
    /// </summary>
    private static List<ReportFigure> CommuneFigures(Plan plan, int commune, ReportingPeriod period)
    {
        var received = 30 + (10 * commune) + (3 * period.Index);
        var values = new Dictionary<string, decimal> { ["1.1"] = received, ["2.1"] = 8 + commune + period.Index, ["2.2"] = 7 + commune + period.Index };
        return plan.Figures.Where(f => values.ContainsKey(f.Code)).Select(f => new ReportFigure
        {
            Order = f.Order,
            Name = f.Name,
            Value = values[f.Code],
            UnitOfMeasure = f.UnitOfMeasure,
            PlanFigureId = f.Id,
        }).ToList();
    }

    /// <summary>
    /// The board's report of its open month, started as its clerk would start it (so it carries last month's tasks to
    /// answer) and half written: the clerk's first log-in has a draft to continue in the writer. Trà Tân's open
    /// quarter is left to start, so both ways in are there.
    /// </summary>
    private async Task DraftAsync(OrgUnit board, CancellationToken ct)
    {
        var account = Accounts.First(a => a.UserName == "bqlda.canbo");
        var user = await users.FindByNameAsync(account.UserName) ?? throw new InvalidOperationException("Demo clerk missing.");
        var clerk = new Actor(user.Id, account.UserName, account.FullName, board.Id, new HashSet<string> { account.Role });
        if ((await reports.StartablePeriodsAsync(clerk, ct)).FirstOrDefault(p => p.Plan is not null) is not { } open)
        {
            return;
        }

        var id = await reports.CreateAsync(new CreateReport { Period = open.Period.ToString() }, clerk, ct);
        var name = board.Names[0].Name;
        var texts = new Dictionary<string, string>
        {
            ["intro"] = $"Thực hiện {open.Plan!.Citation}, {name} báo cáo kết quả công tác dân vận chính quyền {open.Period.ToVietnamese()} như sau:",
            ["I.1"] = "Ban Giám đốc quán triệt kế hoạch công tác dân vận chính quyền đến các phòng, ban; phân công lãnh đạo phụ trách công tác bồi thường, giải phóng mặt bằng.",
        };
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = texts.Keys.ToList();
        foreach (var section in await db.ReportSections.Where(s => s.ReportId == id && keys.Contains(s.Key)).ToListAsync(ct))
        {
            section.Write(texts[section.Key], clerk.UserName, now);
        }

        await db.SaveChangesAsync(ct);
    }

    private const string CommuneTasks = """
        1. Tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân về giải phóng mặt bằng tuyến đường liên thôn.
        2. Giải quyết dứt điểm 01 đơn kiến nghị còn tồn đọng về đất đai.
        3. Cập nhật nội dung công khai tại nhà văn hóa các thôn theo Luật Thực hiện dân chủ ở cơ sở.
        4. Đăng ký mô hình "Dân vận khéo" về chuyển đổi số trong tiếp nhận phản ánh của người dân.
        """;

    private const string BoardTasks = """
        1. Phối hợp với UBND các xã vận động người dân bàn giao mặt bằng dự án đúng tiến độ.
        2. Công khai phương án bồi thường, hỗ trợ, tái định cư tại trụ sở UBND xã và nhà văn hóa thôn.
        3. Trả lời bằng văn bản các kiến nghị của người dân về tiến độ thi công.
        4. Tổ chức học tập quy tắc ứng xử của cán bộ, viên chức khi làm việc với Nhân dân.
        """;

    /// <summary>
    /// The accepted report of the period before the plan's newest open one, so the unit's next report starts with last
    /// period's tasks to answer; null while the plan has no such period (or a seed report already holds it).
    /// </summary>
    private Report? LastPeriodReport(OrgUnit unit, Plan plan, string userPrefix, string tasks, List<DocumentCounter> counters, HashSet<(int, string)> seeded)
    {
        var today = VietnamTime.Today(clock);
        var newest = plan.First;
        while (newest.Next().Window(plan.Semantics).Start <= today)
        {
            newest = newest.Next();
        }

        var period = newest.Previous();
        if (period < plan.First || newest.Window(plan.Semantics).Start > today || !seeded.Add((unit.Id, period.ToString())))
        {
            return null;
        }

        return AcceptedReport(unit, plan, period, userPrefix, tasks, counters);
    }

    /// <summary>A unit's accepted report of a period, written, sent and accepted as its people would have, with the tasks for the next.</summary>
    private Report AcceptedReport(OrgUnit unit, Plan plan, ReportingPeriod period, string userPrefix, string tasks, List<DocumentCounter> counters)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Sent the day its period closed, accepted the next day — never later than now.
        var submittedAt = period.Window(plan.Semantics).End.AddDays(1).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        submittedAt = submittedAt < now ? submittedAt : now;
        var issued = VietnamTime.DateOf(submittedAt);
        var counter = counters.FirstOrDefault(c => c.UnitId == unit.Id && c.Year == issued.Year);
        if (counter is null)
        {
            counter = new DocumentCounter { UnitId = unit.Id, Year = issued.Year, LastNumber = 0 };
            counters.Add(counter);
        }

        counter.LastNumber++;
        var name = unit.Names[0].Name;
        var when = period.ToVietnamese();
        var texts = new Dictionary<string, string>
        {
            ["intro"] = $"Thực hiện {plan.Citation} về {char.ToLowerInvariant(plan.Summary[0])}{plan.Summary[1..]}, {name} báo cáo kết quả công tác dân vận chính quyền {when} như sau:",
            ["I.1"] = "Ban hành kế hoạch thực hiện công tác dân vận chính quyền của đơn vị; phân công lãnh đạo phụ trách từng lĩnh vực.",
            ["I.2"] = "Tuyên truyền các chủ trương, chính sách mới đến cán bộ, công chức và Nhân dân qua hệ thống truyền thanh và các buổi họp.",
            ["I.6"] = "Tổ chức 6 buổi tiếp công dân định kỳ với 41 lượt công dân; tiếp nhận 12 đơn, đã giải quyết 11 đơn, 01 đơn đang xác minh.",
            ["II"] = "Công tác dân vận chính quyền được quan tâm chỉ đạo; tiếp công dân và giải quyết đơn thư kịp thời. Hạn chế: một số nội dung công khai chưa được cập nhật kịp thời.",
            [ReportTemplate.NextTasksKey] = tasks.Trim(),
            ["closing"] = $"Trên đây là báo cáo kết quả công tác dân vận chính quyền {when} của {name}./.",
        };
        var staff = Accounts.First(a => a.UserName == $"{userPrefix}.canbo");
        var leader = Accounts.First(a => a.UserName == $"{userPrefix}.lanhdao");
        var consolidator = Accounts.First(a => a.Role == Roles.Consolidator && a.UnitCode.StartsWith(unit.Code.Split('-')[0], StringComparison.Ordinal));
        var created = submittedAt.AddDays(-2);
        var accepted = submittedAt.AddDays(1) < now ? submittedAt.AddDays(1) : now;
        return new Report
        {
            UnitId = unit.Id,
            PlanId = plan.Id,
            Period = period.ToString(),
            Title = ReportTemplate.DefaultTitle(when),
            Status = ReportStatus.Accepted,
            DocumentNumber = DocumentRegister.Format(counter.LastNumber, $"{DocumentRegister.ReportType}-{DocumentRegister.Abbreviation(unit.Kind, name)}"),
            IssuedOn = issued,
            CreatedAt = created,
            SubmittedAt = submittedAt,
            AcceptedAt = accepted,
            Version = 3,
            Sections = Written(ReportTemplate.Outline(plan), s => texts.GetValueOrDefault(s.Key, ""), staff.UserName, created),
            Transitions =
            [
                new() { At = created, UserName = staff.UserName, UserFullName = staff.FullName, ToStatus = ReportStatus.Draft, Comment = $"Lập báo cáo theo {plan.Citation}" },
                new() { At = submittedAt.AddHours(-4), UserName = staff.UserName, UserFullName = staff.FullName, FromStatus = ReportStatus.Draft, ToStatus = ReportStatus.AwaitingLeader },
                new() { At = submittedAt, UserName = leader.UserName, UserFullName = leader.FullName, UserJobTitle = leader.JobTitle, FromStatus = ReportStatus.AwaitingLeader, ToStatus = ReportStatus.Submitted },
                new() { At = accepted, UserName = consolidator.UserName, UserFullName = consolidator.FullName, FromStatus = ReportStatus.Submitted, ToStatus = ReportStatus.Accepted },
            ],
        };
    }

    private static OrgUnit Unit(string code, string name, UnitKind kind, string place, OrgUnit? parent, DateOnly from)
    {
        var unit = new OrgUnit { Code = code, Kind = kind, PlaceName = place, Names = [new UnitName { Name = name, ValidFrom = from }] };
        if (parent is not null)
        {
            unit.ParentLinks.Add(new UnitParentLink { ParentId = parent.Id, ValidFrom = from });
        }

        return unit;
    }

    private static Plan DemoPlan(OrgUnit owner, string number, DateOnly issuedOn, string summary, PeriodType type, string first, string? last) => new()
    {
        OwnerUnitId = owner.Id,
        Number = number,
        IssuedOn = issuedOn,
        Summary = summary,
        PeriodType = type,
        Semantics = PeriodSemantics.Decree09,
        FirstPeriod = first,
        LastPeriod = last,
        Audience = AudienceKind.Subtree,
        UnitDeadlineKind = DeadlineKind.DayOfMonth,
        UnitDeadlineValue = 20,
        OwnerDeadlineKind = DeadlineKind.DayOfMonth,
        OwnerDeadlineValue = 25,
        LockAfterDays = 30,
        CreatedAt = issuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        CreatedBy = "admin",
        Sections = ReportTemplate.Default.Where(t => t.Level > 0).Select((t, i) => new PlanSection
        {
            Key = t.Key,
            Heading = t.Heading,
            Level = t.Level,
            Order = i,
            Required = t.Key is "I" or ReportTemplate.NextTasksKey,
            Guidance = t.Key switch
            {
                "I.6" => "Số buổi, số lượt tiếp công dân; số đơn thư tiếp nhận, đã giải quyết.",
                "I.3" => "Mô hình, điển hình \"Dân vận khéo\" được công nhận, nhân rộng.",
                ReportTemplate.NextTasksKey => "Mỗi nhiệm vụ một dòng; kỳ sau đơn vị báo cáo kết quả từng nhiệm vụ.",
                _ => "",
            },
        }).ToList(),
        Rules = [new PlanRule { Order = 0, Expression = "[2.2] <= [2.1]", Message = "Số đơn thư đã giải quyết không vượt quá số đơn thư tiếp nhận" }],
        Figures =
        [
            new() { Order = 0, Code = "1", Name = "Tiếp công dân", Kind = FigureKind.Heading, Rollup = Rollup.None },
            new() { Order = 1, Code = "1.1", Name = "Số lượt tiếp công dân", UnitOfMeasure = "lượt", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
            new() { Order = 2, Code = "2", Name = "Tiếp nhận, giải quyết đơn thư", Kind = FigureKind.Heading, Rollup = Rollup.None },
            new() { Order = 3, Code = "2.1", Name = "Số đơn thư tiếp nhận", UnitOfMeasure = "đơn", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
            new() { Order = 4, Code = "2.2", Name = "Số đơn thư đã giải quyết", UnitOfMeasure = "đơn", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
            // A rate is recomputed from the summed counts, never the lowest unit's rate.
            new() { Order = 5, Code = "2.3", Name = "Tỷ lệ đơn thư đã giải quyết", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.Recompute, Formula = "[2.2] / [2.1] × 100", Target = 90 },
            new() { Order = 6, Code = "3", Name = "Mô hình \"Dân vận khéo\" tiêu biểu", Kind = FigureKind.Text, Rollup = Rollup.None },
        ],
    };

    /// <summary>The sections written by <paramref name="by"/> at <paramref name="at"/>, through the one bookkeeping of a section write.</summary>
    internal static List<ReportSection> Written(List<ReportSection> sections, Func<ReportSection, string> text, string by, DateTime at)
    {
        foreach (var section in sections)
        {
            section.Write(text(section), by, at);
        }

        return sections;
    }

    private static Report SeedReport(OrgUnit unit, Plan plan, string resource, ReportingPeriod period, string userPrefix, DateTime submittedAt, int number)
    {
        var parsed = SeedReportParser.Parse(ReadSeed(resource));
        var staff = Accounts.First(a => a.UserName == $"{userPrefix}.canbo");
        var leader = Accounts.First(a => a.UserName == $"{userPrefix}.lanhdao");
        var consolidator = Accounts.First(a => a.Role == Roles.Consolidator && a.UnitCode.StartsWith(unit.Code.Split('-')[0], StringComparison.Ordinal));
        var created = submittedAt.AddDays(-3);
        return new Report
        {
            UnitId = unit.Id,
            PlanId = plan.Id,
            Period = period.ToString(),
            Title = parsed.Title,
            Status = ReportStatus.Accepted,
            DocumentNumber = DocumentRegister.Format(number, $"{DocumentRegister.ReportType}-{DocumentRegister.Abbreviation(unit.Kind, unit.Names[0].Name)}"),
            IssuedOn = VietnamTime.DateOf(submittedAt),
            CreatedAt = created,
            SubmittedAt = submittedAt,
            AcceptedAt = submittedAt.AddDays(2),
            Version = 3,
            // The seed's own outline, as its unit wrote it in Word.
            Sections = Written(parsed.Sections.Select((s, i) => new ReportSection { Key = s.Key, Heading = s.Heading, Level = s.Level, Order = i }).ToList(), s => parsed.Sections[s.Order].Text, staff.UserName, created),
            Transitions =
            [
                new() { At = created, UserName = staff.UserName, UserFullName = staff.FullName, ToStatus = ReportStatus.Draft, Comment = "Nhập từ bản Word" },
                new() { At = submittedAt.AddHours(-4), UserName = staff.UserName, UserFullName = staff.FullName, FromStatus = ReportStatus.Draft, ToStatus = ReportStatus.AwaitingLeader },
                new() { At = submittedAt, UserName = leader.UserName, UserFullName = leader.FullName, UserJobTitle = leader.JobTitle, FromStatus = ReportStatus.AwaitingLeader, ToStatus = ReportStatus.Submitted },
                new() { At = submittedAt.AddDays(2), UserName = consolidator.UserName, UserFullName = consolidator.FullName, FromStatus = ReportStatus.Submitted, ToStatus = ReportStatus.Accepted },
            ],
        };
    }

    public static string ReadSeed(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"DanVan.Demo.{resource}")
            ?? throw new InvalidOperationException($"Demo seed '{resource}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
