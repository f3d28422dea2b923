using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

/// <summary>A report's figures: the plan's figure rules and indicators on save, and the roll-up over the units' reports.</summary>
public sealed partial class ReportService
{
    public async Task<int> SaveFiguresAsync(SaveFigures command, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(command.ReportId, actor, ct);
        await states.RequireEditableAsync(report, actor, ct);
        if (report.Version != command.ExpectedVersion)
        {
            throw new ConcurrencyConflictException(nameof(command.Figures), "Báo cáo vừa được người khác thay đổi (số liệu hoặc trạng thái). Số liệu bạn nhập vẫn được giữ; tải lại trang để xem bản mới rồi nhập lại.")
            {
                English = "The report was changed by someone else meanwhile (figures or status). Your figures are kept; reload the page to see the new version, then enter them again.",
            };
        }

        if (command.Figures.Count > MaxFigures)
        {
            throw new DomainException(nameof(command.Figures), $"Tối đa {MaxFigures} chỉ tiêu số liệu.")
            {
                English = $"At most {MaxFigures} figures.",
            };
        }

        for (var i = 0; i < command.Figures.Count; i++)
        {
            var f = command.Figures[i];
            if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > 300)
            {
                throw new DomainException($"Figures[{i}].Name", $"Dòng {i + 1}: nhập tên chỉ tiêu (tối đa 300 ký tự).")
                {
                    English = $"Row {i + 1}: enter the figure's name (at most 300 characters).",
                };
            }

            if ((f.UnitOfMeasure ?? "").Trim().Length > 50)
            {
                throw new DomainException($"Figures[{i}].UnitOfMeasure", $"Dòng {i + 1}: đơn vị tính tối đa 50 ký tự.")
                {
                    English = $"Row {i + 1}: the unit of measure may have at most 50 characters.",
                };
            }

            if (f.Text is { Length: > ReportFigure.MaxTextLength })
            {
                throw new DomainException($"Figures[{i}].Text", $"Dòng {i + 1}: nội dung tối đa 2.000 ký tự.")
                {
                    English = $"Row {i + 1}: the text may have at most 2,000 characters.",
                };
            }
        }

        var planFigures = report.PlanId is { } planId
            ? await db.PlanFigures.Where(p => p.PlanId == planId).ToDictionaryAsync(p => p.Id, ct)
            : [];
        var answered = new Dictionary<int, int>();
        for (var i = 0; i < command.Figures.Count; i++)
        {
            var f = command.Figures[i];
            var plan = f.PlanFigureId is { } id ? planFigures.GetValueOrDefault(id) : null;
            // A figure of the plan is checked as the plan asks (whole number, "%"); one of the report's own as a number in its unit.
            if (FigureValue.Check(f.Value, plan?.Kind ?? FigureKind.DecimalNumber, plan?.UnitOfMeasure ?? f.UnitOfMeasure) is { } error)
            {
                throw new DomainException($"Figures[{i}].Value", $"Dòng {i + 1} ({f.Name.Trim()}): {error.Message}")
                {
                    English = $"Row {i + 1} ({f.Name.Trim()}): {error.English}",
                };
            }

            // One answer per figure the plan asks: a second would be added into the roll-ups and consolidated reports twice.
            if (plan is null)
            {
                continue;
            }

            if (!answered.TryAdd(plan.Id, i))
            {
                throw new DomainException($"Figures[{i}].Name", $"Dòng {i + 1}: chỉ tiêu \"{f.Name.Trim()}\" của kế hoạch đã nhập ở dòng {answered[plan.Id] + 1}; mỗi chỉ tiêu chỉ nhập một lần.")
                {
                    English = $"Row {i + 1}: the plan's figure \"{f.Name.Trim()}\" is already entered in row {answered[plan.Id] + 1}; enter each figure once.",
                };
            }

            if (plan.Kind != FigureKind.Text && !string.IsNullOrWhiteSpace(f.Text))
            {
                throw new DomainException($"Figures[{i}].Value", $"Dòng {i + 1}: chỉ tiêu \"{f.Name.Trim()}\" là số liệu; nhập một số, không nhập chữ.")
                {
                    English = $"Row {i + 1}: \"{f.Name.Trim()}\" is a number; enter a number, not text.",
                };
            }
        }

        var old = await db.ReportFigures.Where(f => f.ReportId == report.Id).ToListAsync(ct);
        db.ReportFigures.RemoveRange(old);
        var rules = report.PlanId is { } rulesOf ? await db.PlanRules.AsNoTracking().Where(r => r.PlanId == rulesOf).ToListAsync(ct) : [];
        var saved = command.Figures.Select((f, i) => new ReportFigure
        {
            ReportId = report.Id,
            Order = i,
            Name = VietnameseText.WithoutInvalidCharacters(f.Name.Trim()),
            Value = f.Value,
            TextValue = f.Text is null ? null : VietnameseText.WithoutInvalidCharacters(f.Text.Trim()),
            UnitOfMeasure = (f.UnitOfMeasure ?? "").Trim(),
            PlanFigureId = f.PlanFigureId is { } planFigure && planFigures.ContainsKey(planFigure) ? planFigure : null,
        }).ToList();
        ApplyIndicators(saved, planFigures.Values.ToList(), rules);
        saved.ForEach(f => f.ReportId = report.Id);
        db.ReportFigures.AddRange(saved);
        report.Version++;
        await SaveReportAsync(ct);
        return report.Version;
    }

    /// <summary>
    /// The plan's indicators over a report's figures, wherever they are saved (figures page, API, Word import, bulk
    /// import): what was typed for a derived figure or a heading is dropped and derived figures are computed from the
    /// typed ones (no value when an input is missing); then a computed rate must lie in 0–100 and every rule hold.
    /// Throws <see cref="FigureRulesException"/> naming each broken rule with the values.
    /// </summary>
    internal static void ApplyIndicators(ICollection<ReportFigure> figures, IReadOnlyList<PlanFigure> planFigures, IReadOnlyList<PlanRule> rules)
    {
        var byId = planFigures.ToDictionary(p => p.Id);
        foreach (var computed in figures.Where(f => f.PlanFigureId is { } id && byId.TryGetValue(id, out var p) && !p.IsTyped).ToList())
        {
            figures.Remove(computed);
        }

        var values = figures.Where(f => f.PlanFigureId is { } id && byId.ContainsKey(id) && f.TextValue is null)
            .GroupBy(f => byId[f.PlanFigureId!.Value].Code)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var derived = PlanIndicators.Derive(planFigures, c => values.TryGetValue(c, out var v) ? v : null);
        var breaches = new List<(int PlanFigureId, string Message, string English)>();
        var order = figures.Count == 0 ? 0 : figures.Max(f => f.Order) + 1;
        foreach (var p in planFigures.Where(p => p.IsDerived).OrderBy(p => p.Order))
        {
            if (derived[p.Code].Value is not { } v)
            {
                continue;
            }

            if (FigureValue.Check(v, p.Kind, p.UnitOfMeasure) is { } error)
            {
                var inputs = string.Join("], [", Formula.Parse(p.Formula!).References);
                breaches.Add((p.Id, $"{p.Code}. {p.Name} tính theo công thức ra {error.Message} Kiểm tra các số liệu [{inputs}].", $"{p.Code}. {p.Name} by its formula comes to {error.English} Check figures [{inputs}]."));
                continue;
            }

            values[p.Code] = v;
            figures.Add(new ReportFigure { Name = p.Name, UnitOfMeasure = p.UnitOfMeasure, Value = v, PlanFigureId = p.Id, Order = order++ });
        }

        var byCode = planFigures.GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        breaches.AddRange(PlanIndicators.Breaches(planFigures, rules, c => values.TryGetValue(c, out var v) ? v : null)
            .Select(b => (byCode.GetValueOrDefault(b.Codes.Count > 0 ? b.Codes[0] : ""), b.Message, b.English)));
        if (breaches.Count > 0)
        {
            throw new FigureRulesException(breaches);
        }
    }

    /// <summary>
    /// For a consolidating unit's own report: its plans' figures rolled up over the reports its units sent for the same
    /// period, mapped onto what the report's own plan asks. Nothing is saved; the page shows the numbers for the user
    /// to check and save.
    /// </summary>
    public async Task<(IReadOnlyList<RolledUpFigure> Figures, int Reports)> RollUpFiguresAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(reportId, actor, ct);
        var period = ReportingPeriod.Parse(report.Period);
        var lowerPlans = (await db.Plans.AsNoTracking().Include(p => p.Figures).Where(p => p.OwnerUnitId == report.UnitId).ToListAsync(ct))
            .Where(p => p.Covers(period))
            .ToList();
        if (lowerPlans.Count == 0)
        {
            return ([], 0);
        }

        var planIds = lowerPlans.Select(p => p.Id).ToList();
        var sent = await db.Reports.AsNoTracking()
            .Where(r => r.Period == report.Period && r.PlanId != null && planIds.Contains(r.PlanId.Value)
                && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted))
            .Select(r => r.Id)
            .ToListAsync(ct);
        var answers = (await db.ReportFigures.AsNoTracking()
                .Where(f => sent.Contains(f.ReportId) && f.PlanFigureId != null && f.TextValue == null)
                .Select(f => new { f.ReportId, PlanFigureId = f.PlanFigureId!.Value, f.Value })
                .ToListAsync(ct))
            .Select(a => new AnsweredFigure(a.ReportId, a.PlanFigureId, a.Value))
            .ToList();
        var upper = report.PlanId is { } upperPlan
            ? await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == upperPlan).OrderBy(f => f.Order).ToListAsync(ct)
            : null;
        return (FigureRollup.RollUp(lowerPlans.SelectMany(p => p.Figures).ToList(), answers, upper), sent.Count);
    }

    public async Task<IReadOnlyDictionary<int, PlanFigure>> PlanFiguresAsync(int planId, CancellationToken ct = default) =>
        await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == planId).OrderBy(f => f.Order).ToDictionaryAsync(f => f.Id, ct);
}
