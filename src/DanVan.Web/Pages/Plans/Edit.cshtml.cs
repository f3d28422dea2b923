using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Plans;

[Authorize(Roles = Roles.Consolidator)]
public sealed class EditModel(PlanService plans, AccessService access, OrgUnitService units, TimeProvider clock) : PageModel
{
    public const int BlankSections = 3;
    public const int BlankFigures = 5;

    public sealed class SectionRow
    {
        public string? Key { get; set; }

        public string? Heading { get; set; }

        public int Level { get; set; } = 2;

        public string? Guidance { get; set; }

        public bool Required { get; set; }
    }

    public sealed class FigureRow
    {
        public int? Id { get; set; }

        public string? Name { get; set; }

        public string? UnitOfMeasure { get; set; }

        public FigureKind Kind { get; set; }

        public Rollup Rollup { get; set; }

        /// <summary>The number in the biểu mẫu ("1.2").</summary>
        public string? Code { get; set; }

        public string? Formula { get; set; }

        public string? WeightBy { get; set; }

        public bool IsStock { get; set; }

        /// <summary>The plan's target as typed ("95,5"), read by <see cref="FigureValue"/>.</summary>
        public string? Target { get; set; }
    }

    public sealed class PlanForm
    {
        public string? Number { get; set; }

        public DateOnly? IssuedOn { get; set; }

        public string? Summary { get; set; }

        public PeriodType PeriodType { get; set; }

        public PeriodSemantics Semantics { get; set; }

        public string? FirstPeriod { get; set; }

        public string? LastPeriod { get; set; }

        public AudienceKind Audience { get; set; }

        public int? AudienceRootId { get; set; }

        public UnitKind? AudienceUnitKind { get; set; }

        public List<int> UnitIds { get; set; } = [];

        public DeadlineKind UnitDeadlineKind { get; set; }

        public int UnitDeadlineValue { get; set; }

        public DeadlineKind OwnerDeadlineKind { get; set; }

        public int OwnerDeadlineValue { get; set; }

        public int? LockAfterDays { get; set; }

        public int RemindDaysBefore { get; set; }

        public List<SectionRow> Sections { get; set; } = [];

        public List<FigureRow> Figures { get; set; } = [];

        /// <summary>"Kính gửi" of the consolidated report, one a line.</summary>
        public string? Addressees { get; set; }

        /// <summary>"Nơi nhận" of the consolidated report, one a line.</summary>
        public string? Recipients { get; set; }

        /// <summary>Checks between figures, one a line: "[2.2] &lt;= [2.1] | lời nhắc".</summary>
        public string? Rules { get; set; }

        public int ConsolidatedBodyPages { get; set; } = Core.Consolidation.Consolidator.DefaultBodyPages;
    }

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public int? PlanId { get; private set; }

    /// <summary>Units in the consolidator's scope, in tree order, for the audience choices.</summary>
    public IReadOnlyList<UnitRow> ScopeUnits { get; private set; } = [];

    /// <summary>The periods the first and last period are chosen from, in words; the ones already chosen among them.</summary>
    public IReadOnlyList<ReportingPeriod> PeriodOptions => PeriodChoices.Around(VietnamTime.Today(clock), Input.FirstPeriod, Input.LastPeriod);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var owner = await LoadAsync(id, ct);
        var input = id is { } planId ? ToInput(await plans.GetAsync(planId, HttpContext.Actor(), ct)) : PlanInput.Draft(VietnamTime.Today(clock), owner?.Kind);
        if (id is not null && !await plans.ManagesAsync(await plans.LoadAsync(id.Value, ct), HttpContext.Actor(), ct))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Input = new PlanForm
        {
            Number = input.Number,
            IssuedOn = input.IssuedOn,
            Summary = input.Summary,
            PeriodType = input.PeriodType,
            Semantics = input.Semantics,
            FirstPeriod = input.FirstPeriod,
            LastPeriod = input.LastPeriod,
            Audience = input.Audience,
            AudienceRootId = input.AudienceRootId,
            AudienceUnitKind = input.AudienceUnitKind,
            UnitIds = [.. input.UnitIds],
            UnitDeadlineKind = input.UnitDeadlineKind,
            UnitDeadlineValue = input.UnitDeadlineValue,
            OwnerDeadlineKind = input.OwnerDeadlineKind,
            OwnerDeadlineValue = input.OwnerDeadlineValue,
            LockAfterDays = input.LockAfterDays,
            RemindDaysBefore = input.RemindDaysBefore,
            Sections = input.Sections.Select(s => new SectionRow { Key = s.Key, Heading = s.Heading, Level = s.Level, Guidance = s.Guidance, Required = s.Required }).ToList(),
            Figures = input.Figures.Select(f => new FigureRow
            {
                Id = f.Id,
                Name = f.Name,
                UnitOfMeasure = f.UnitOfMeasure,
                Kind = f.Kind,
                Rollup = f.Rollup,
                Code = f.Code,
                Formula = f.Formula,
                WeightBy = f.WeightBy,
                IsStock = f.IsStock,
                Target = f.Target is { } t ? FigureValue.Format(t) : null,
            }).ToList(),
            Rules = PlanRuleInput.ToLines(input.Rules.Select((r, i) => new PlanRule { Expression = r.Expression, Message = r.Message ?? "", Order = i })),
            Addressees = string.Join("\n", input.Addressees),
            Recipients = string.Join("\n", input.Recipients),
            ConsolidatedBodyPages = input.ConsolidatedBodyPages,
        };
        AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (!ModelState.IsValid || Input.IssuedOn is null)
        {
            if (Input.IssuedOn is null)
            {
                ModelState.AddModelError("Input.IssuedOn", Bilingual.Text("Nhập ngày ban hành kế hoạch (dd/mm/yyyy)."));
            }

            AddBlankRows();
            Response.StatusCode = 400;
            return Page();
        }

        var figures = new List<PlanFigureInput>();
        for (var i = 0; i < Input.Figures.Count; i++)
        {
            var row = Input.Figures[i];
            decimal? target = null;
            if (!string.IsNullOrWhiteSpace(row.Target))
            {
                var (value, error) = FigureValue.Parse(row.Target, FigureKind.DecimalNumber, row.UnitOfMeasure);
                if (value is null)
                {
                    ModelState.AddModelError($"Input.Figures[{i}].Target", Bilingual.Text("Chỉ tiêu {0} {1}: chỉ tiêu kế hoạch {2}", row.Code, row.Name, error?.Shown()));
                }

                target = value;
            }

            figures.Add(new PlanFigureInput(row.Name ?? "", row.UnitOfMeasure, row.Kind, row.Rollup, row.Id, row.Code, row.Formula, row.WeightBy, target, row.IsStock));
        }

        if (!ModelState.IsValid)
        {
            AddBlankRows();
            Response.StatusCode = 400;
            return Page();
        }

        var input = new PlanInput
        {
            Number = Input.Number ?? "",
            IssuedOn = Input.IssuedOn.Value,
            Summary = Input.Summary ?? "",
            PeriodType = Input.PeriodType,
            Semantics = Input.Semantics,
            FirstPeriod = Input.FirstPeriod ?? "",
            LastPeriod = Input.LastPeriod,
            Audience = Input.Audience,
            AudienceRootId = Input.AudienceRootId,
            AudienceUnitKind = Input.AudienceUnitKind,
            UnitIds = Input.UnitIds,
            UnitDeadlineKind = Input.UnitDeadlineKind,
            UnitDeadlineValue = Input.UnitDeadlineValue,
            OwnerDeadlineKind = Input.OwnerDeadlineKind,
            OwnerDeadlineValue = Input.OwnerDeadlineValue,
            LockAfterDays = Input.LockAfterDays,
            RemindDaysBefore = Input.RemindDaysBefore,
            Sections = Input.Sections.Select(s => new PlanSectionInput(s.Key ?? "", s.Heading ?? "", s.Level, s.Guidance, s.Required)).ToList(),
            Figures = figures,
            Rules = PlanRuleInput.FromLines(Input.Rules),
            Addressees = (Input.Addressees ?? "").Split('\n'),
            Recipients = (Input.Recipients ?? "").Split('\n'),
            ConsolidatedBodyPages = Input.ConsolidatedBodyPages,
        };
        try
        {
            if (id is { } planId)
            {
                await plans.UpdateAsync(planId, input, HttpContext.Actor(), ct);
                TempData["Flash"] = Bilingual.Text("Đã lưu kế hoạch.");
                return Redirect($"/plans/{planId}");
            }

            var created = await plans.CreateAsync(input, HttpContext.Actor(), ct);
            TempData["Flash"] = Bilingual.Text("Đã tạo kế hoạch. Các kỳ báo cáo tự mở theo lịch; đơn vị lập báo cáo theo đề cương của kế hoạch.");
            return Redirect($"/plans/{created}");
        }
        catch (DomainException e) when (e is not ForbiddenException)
        {
            // Shown on the form with the rows the user typed, rather than through the generic filter, so nothing is lost.
            ModelState.AddModelError(e.Field.Length == 0 ? "" : $"Input.{e.Field}", e.Shown());
            AddBlankRows();
            Response.StatusCode = 400;
            return Page();
        }
    }

    private static PlanInput ToInput(Plan p) => new()
    {
        Number = p.Number,
        IssuedOn = p.IssuedOn,
        Summary = p.Summary,
        PeriodType = p.PeriodType,
        Semantics = p.Semantics,
        FirstPeriod = p.FirstPeriod,
        LastPeriod = p.LastPeriod,
        Audience = p.Audience,
        AudienceRootId = p.AudienceRootId,
        AudienceUnitKind = p.AudienceUnitKind,
        UnitIds = p.Units.Select(u => u.UnitId).ToList(),
        UnitDeadlineKind = p.UnitDeadlineKind,
        UnitDeadlineValue = p.UnitDeadlineValue,
        OwnerDeadlineKind = p.OwnerDeadlineKind,
        OwnerDeadlineValue = p.OwnerDeadlineValue,
        LockAfterDays = p.LockAfterDays,
        RemindDaysBefore = p.RemindDaysBefore,
        Sections = p.Sections.Select(s => new PlanSectionInput(s.Key, s.Heading, s.Level, s.Guidance, s.Required)).ToList(),
        Figures = p.Figures.OrderBy(f => f.Order).Select(f => new PlanFigureInput(f.Name, f.UnitOfMeasure, f.Kind, f.Rollup, f.Id, f.Code, f.Formula, f.WeightBy, f.Target, f.IsStock)).ToList(),
        Rules = p.Rules.OrderBy(r => r.Order).Select(r => new PlanRuleInput(r.Expression, r.Message)).ToList(),
        Addressees = p.Addressees,
        Recipients = p.Recipients,
        ConsolidatedBodyPages = p.ConsolidatedBodyPages,
    };

    private void AddBlankRows()
    {
        Input.Sections.AddRange(Enumerable.Range(0, BlankSections).Select(_ => new SectionRow()));
        Input.Figures.AddRange(Enumerable.Range(0, BlankFigures).Select(_ => new FigureRow()));
    }

    /// <summary>Loads the units in scope and returns the unit the consolidator issues plans for.</summary>
    private async Task<UnitRow?> LoadAsync(int? id, CancellationToken ct)
    {
        PlanId = id;
        var root = await access.ScopeRootAsync(HttpContext.Actor(), ct);
        var tree = await units.LoadTreeAsync(ct: ct);
        var scope = tree.SubtreeOf(root);
        var all = await units.ListAsync(ct);
        ScopeUnits = all.Where(u => scope.Contains(u.Id) && u.ClosedOn is null).ToList();
        return all.FirstOrDefault(u => u.Id == root);
    }
}
