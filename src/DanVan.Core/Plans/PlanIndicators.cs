using System.Globalization;
using System.Text.RegularExpressions;

namespace DanVan.Core.Plans;

/// <summary>A rule a report's figures broke, with the sentence to show ("Số đơn đã giải quyết (12) phải ≤ Số đơn tiếp nhận (10)").</summary>
public sealed record RuleBreach(PlanRule Rule, string Message, string English, IReadOnlyList<string> Codes);

/// <summary>
/// A plan's figures as a biểu mẫu of numbered indicators: which roll-ups a figure may take, whether formulas and
/// rules make sense when the plan is saved, derived values and rule checks when a report's figures are saved.
/// Every caller (plan form, API, figures page, Word import, bulk import, consolidation) goes through here. Pure.
/// </summary>
public static partial class PlanIndicators
{
    public const int MaxCodeLength = 20;

    /// <summary>Derived values are kept to two decimals, as rates are written ("95,45 %").</summary>
    public const int DerivedDecimals = 2;

    /// <summary>"1", "1.2", "2.1.3".</summary>
    public static bool IsCode(string code) => code.Length <= MaxCodeLength && CodePattern().IsMatch(code);

    /// <summary>The group a figure belongs to: "1.2" → "1"; null at the top level.</summary>
    public static string? ParentCode(string code) => code.LastIndexOf('.') is var dot and > 0 ? code[..dot] : null;

    /// <summary>How deep a figure sits in the biểu mẫu: "1" → 0, "1.2" → 1.</summary>
    public static int Depth(string code) => code.Count(c => c == '.');

    /// <summary>
    /// The roll-ups a figure may take. A percentage is a rate: adding rates up, or presenting the lowest unit's as the
    /// province's, misleads, so it is recomputed (derived), weighted, averaged or left out. A derived figure is
    /// recomputed from its rolled-up inputs or left out; headings and text have no number to roll up.
    /// </summary>
    public static IReadOnlyList<Rollup> RollupsFor(FigureKind kind, string? unitOfMeasure, bool derived) =>
        kind is FigureKind.Heading or FigureKind.Text ? [Rollup.None]
        : derived ? [Rollup.Recompute, Rollup.None]
        : FigureValue.IsPercentage(unitOfMeasure) ? [Rollup.WeightedMean, Rollup.Mean, Rollup.None]
        : [Rollup.Sum, Rollup.Mean, Rollup.WeightedMean, Rollup.Min, Rollup.Max, Rollup.None];

    /// <summary>
    /// Checks a plan's figures and rules before they are saved: numbers unique and well-formed, formulas readable,
    /// citing existing numeric figures, free of cycles and of a constant division by zero, roll-ups allowed for the
    /// figure, weights naming a numeric figure. Throws <see cref="DomainException"/> on the first problem, naming the
    /// figure by its number.
    /// </summary>
    public static void Validate(IReadOnlyList<PlanFigure> figures, IReadOnlyList<PlanRule> rules)
    {
        var byCode = new Dictionary<string, PlanFigure>(StringComparer.Ordinal);
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            if (!IsCode(f.Code))
            {
                throw new DomainException($"Figures[{i}].Code", $"Chỉ tiêu \"{f.Name}\": số thứ tự \"{f.Code}\" không hợp lệ; viết 1, 1.1, 1.2, 2 …")
                {
                    English = $"Figure \"{f.Name}\": the number \"{f.Code}\" is not valid; write 1, 1.1, 1.2, 2 …",
                };
            }

            if (!byCode.TryAdd(f.Code, f))
            {
                throw new DomainException($"Figures[{i}].Code", $"Số thứ tự {f.Code} dùng cho hai chỉ tiêu (\"{byCode[f.Code].Name}\" và \"{f.Name}\").")
                {
                    English = $"The number {f.Code} is used for two figures (\"{byCode[f.Code].Name}\" and \"{f.Name}\").",
                };
            }
        }

        var formulas = new Dictionary<string, Formula>(StringComparer.Ordinal);
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            var field = $"Figures[{i}]";
            if (ParentCode(f.Code) is { } parent && !byCode.ContainsKey(parent))
            {
                throw new DomainException($"{field}.Code", $"Chỉ tiêu {f.Code}: chưa có chỉ tiêu {parent} chứa nó; thêm dòng {parent} (có thể là tiêu đề nhóm).")
                {
                    English = $"Figure {f.Code}: there is no figure {parent} to hold it; add a row {parent} (it may be a group heading).",
                };
            }

            if (f.IsDerived)
            {
                if (f.Kind is FigureKind.Text or FigureKind.Heading)
                {
                    throw new DomainException($"{field}.Formula", $"Chỉ tiêu {f.Code}: {(f.Kind == FigureKind.Text ? "chỉ tiêu dạng chữ" : "tiêu đề nhóm")} không có công thức.")
                    {
                        English = $"Figure {f.Code}: {(f.Kind == FigureKind.Text ? "a text figure" : "a group heading")} has no formula.",
                    };
                }

                var formula = ParseFormula(f, field);
                foreach (var code in formula.References)
                {
                    CheckReference(byCode, code, $"{field}.Formula", $"Chỉ tiêu {f.Code}", $"Figure {f.Code}");
                }

                if (formula.DividesByConstantZero)
                {
                    throw new DomainException($"{field}.Formula", $"Chỉ tiêu {f.Code}: công thức \"{formula.Text}\" chia cho 0.")
                    {
                        English = $"Figure {f.Code}: the formula \"{formula.Text}\" divides by 0.",
                    };
                }

                formulas[f.Code] = formula;
            }

            if (!RollupsFor(f.Kind, f.UnitOfMeasure, f.IsDerived).Contains(f.Rollup))
            {
                throw new DomainException($"{field}.Rollup", f.Rollup is Rollup.Recompute
                    ? $"Chỉ tiêu {f.Code}: \"Tính lại theo công thức\" chỉ dùng cho chỉ tiêu có công thức."
                    : FigureValue.IsPercentage(f.UnitOfMeasure) && !f.IsDerived
                        ? $"Chỉ tiêu {f.Code} là tỷ lệ (%): không cộng, không lấy nhỏ nhất hay lớn nhất làm tỷ lệ chung; chọn trung bình có trọng số, trung bình, hoặc nhập công thức để tính lại."
                        : $"Chỉ tiêu {f.Code}: cách tổng hợp này không dùng được; chỉ tiêu có công thức được tính lại từ số liệu đã tổng hợp.")
                {
                    English = f.Rollup is Rollup.Recompute ? $"Figure {f.Code}: \"Recompute by formula\" is only for figures with a formula." : FigureValue.IsPercentage(f.UnitOfMeasure) && !f.IsDerived ? $"Figure {f.Code} is a rate (%): rates are not added up, nor is the smallest or largest taken as the overall rate; choose a weighted mean, a mean, or enter a formula to recompute it." : $"Figure {f.Code}: this roll-up cannot be used; a figure with a formula is recomputed from the rolled-up figures.",
                };
            }

            if (f.IsStock && (f.Kind is FigureKind.Text or FigureKind.Heading || f.IsDerived || f.Rollup == Rollup.None))
            {
                // A derived figure follows its inputs: a rate over stocks is recomputed from the stocks taken at the
                // period's end, and a rate over flows from their sums, so a stock flag on it would say nothing or mislead.
                throw new DomainException($"{field}.IsStock", f.IsDerived
                    ? $"Chỉ tiêu {f.Code} có công thức: được tính lại từ các chỉ tiêu trong công thức, không đánh dấu \"số tại thời điểm\"; đánh dấu các chỉ tiêu đầu vào nếu chúng là số tại thời điểm."
                    : $"Chỉ tiêu {f.Code}: chỉ đánh dấu \"số tại thời điểm\" cho chỉ tiêu số liệu có cách tổng hợp.")
                {
                    English = f.IsDerived
                        ? $"Figure {f.Code} has a formula: it is recomputed from the figures in its formula and is not marked \"count at a moment\"; mark its inputs if they are counts at a moment."
                        : $"Figure {f.Code}: only a numeric figure that is rolled up can be marked \"count at a moment\".",
                };
            }

            if (f.Rollup == Rollup.WeightedMean)
            {
                var weight = (f.WeightBy ?? "").Trim().Trim('[', ']');
                if (weight.Length == 0)
                {
                    throw new DomainException($"{field}.WeightBy", $"Chỉ tiêu {f.Code}: trung bình có trọng số cần chỉ tiêu làm trọng số (ví dụ [1.1]).")
                    {
                        English = $"Figure {f.Code}: a weighted mean needs a figure to weigh by (e.g. [1.1]).",
                    };
                }

                if (weight == f.Code)
                {
                    throw new DomainException($"{field}.WeightBy", $"Chỉ tiêu {f.Code} không làm trọng số cho chính nó.")
                    {
                        English = $"Figure {f.Code} cannot weigh itself.",
                    };
                }

                CheckReference(byCode, weight, $"{field}.WeightBy", $"Chỉ tiêu {f.Code}", $"Figure {f.Code}");
            }
        }

        foreach (var f in figures.Where(f => f.IsDerived))
        {
            if (Cycle(f.Code, formulas, []) is { } path)
            {
                var i = figures.ToList().IndexOf(f);
                throw new DomainException($"Figures[{i}].Formula", $"Chỉ tiêu {f.Code}: công thức vòng quanh {string.Join(" → ", path.Select(c => $"[{c}]"))}.")
                {
                    English = $"Figure {f.Code}: the formula goes round in a circle {string.Join(" → ", path.Select(c => $"[{c}]"))}.",
                };
            }
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var (left, _, right) = ParseRule(rules[i].Expression, $"Rules[{i}]");
            foreach (var code in left.References.Concat(right.References))
            {
                CheckReference(byCode, code, $"Rules[{i}]", $"Quy tắc {i + 1}", $"Rule {i + 1}");
            }
        }
    }

    /// <summary>"[2.2] &lt;= [2.1]": the two sides and the comparison; throws <see cref="DomainException"/> on <paramref name="field"/>.</summary>
    public static (Formula Left, string Op, Formula Right) ParseRule(string expression, string field = "Rules")
    {
        var text = (expression ?? "").Trim();
        var match = ComparisonPattern().Match(text);
        if (!match.Success || text.IndexOfAny(['<', '>', '=', '≤', '≥'], match.Index + match.Length) >= 0)
        {
            throw new DomainException(field, $"Quy tắc \"{text}\": cần đúng một phép so sánh (<, <=, =, >=, >), ví dụ [2.2] <= [2.1].")
            {
                English = $"Rule \"{text}\": needs exactly one comparison (<, <=, =, >=, >), e.g. [2.2] <= [2.1].",
            };
        }

        var op = match.Value switch { "≤" => "<=", "≥" => ">=", "==" => "=", var o => o };
        try
        {
            return (Formula.Parse(text[..match.Index]), op, Formula.Parse(text[(match.Index + match.Length)..]));
        }
        catch (FormulaException e)
        {
            throw new DomainException(field, $"Quy tắc \"{text}\": {e.Message}")
            {
                English = $"Rule \"{text}\": {e.English}",
            };
        }
    }

    /// <summary>
    /// Every derived figure's value from the typed ones (by number), inputs before results; a missing input or a
    /// division by zero gives no value and the reason, never 0.
    /// </summary>
    public static IReadOnlyDictionary<string, FormulaResult> Derive(IReadOnlyList<PlanFigure> figures, Func<string, decimal?> typed)
    {
        var derived = figures.Where(f => f.IsDerived).ToDictionary(f => f.Code, f => Formula.Parse(f.Formula!), StringComparer.Ordinal);
        var results = new Dictionary<string, FormulaResult>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        FormulaResult Of(string code)
        {
            if (results.TryGetValue(code, out var known))
            {
                return known;
            }

            // Saved plans are validated free of cycles; a cycle here yields no value rather than a stack overflow.
            if (!visiting.Add(code))
            {
                return new FormulaResult(null, $"công thức vòng quanh [{code}]");
            }

            var result = derived[code].Evaluate(c => derived.ContainsKey(c) ? Of(c).Value : typed(c));
            result = result.Value is { } v ? new FormulaResult(decimal.Round(v, DerivedDecimals, MidpointRounding.AwayFromZero), null) : result;
            results[code] = result;
            return result;
        }

        foreach (var code in derived.Keys)
        {
            Of(code);
        }

        return results;
    }

    /// <summary>The rules the values break (a rule citing a figure without a value is not checked).</summary>
    public static IReadOnlyList<RuleBreach> Breaches(IReadOnlyList<PlanFigure> figures, IReadOnlyList<PlanRule> rules, Func<string, decimal?> valueOf)
    {
        var names = figures.ToDictionary(f => f.Code, f => f.Name, StringComparer.Ordinal);
        var breaches = new List<RuleBreach>();
        foreach (var rule in rules.OrderBy(r => r.Order))
        {
            var (left, op, right) = ParseRule(rule.Expression);
            if (left.Evaluate(valueOf).Value is not { } l || right.Evaluate(valueOf).Value is not { } r)
            {
                continue;
            }

            var holds = op switch
            {
                "<" => l < r,
                "<=" => l <= r,
                ">" => l > r,
                ">=" => l >= r,
                _ => l == r,
            };
            if (holds)
            {
                continue;
            }

            var sign = op switch { "<" => "<", "<=" => "≤", ">" => ">", ">=" => "≥", _ => "=" };
            var (lhs, rhs) = (Side(left, names, l), Side(right, names, r));
            var hint = rule.Message.Length > 0 ? $" ({rule.Message})" : "";
            breaches.Add(new RuleBreach(rule, $"{lhs} phải {sign} {rhs}{hint}", $"{lhs} must be {sign} {rhs}{hint}", [.. left.References.Concat(right.References).Distinct()]));
        }

        return breaches;
    }

    /// <summary>A formula in words with the plan's figure names: "Số hồ sơ đúng hạn ÷ Số hồ sơ tiếp nhận × 100".</summary>
    public static string InWords(string formula, IReadOnlyList<PlanFigure> figures)
    {
        var names = figures.GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return Formula.Parse(formula).InWords(c => names.GetValueOrDefault(c));
    }

    private static string Side(Formula side, Dictionary<string, string> names, decimal value) =>
        $"{side.InWords(c => names.GetValueOrDefault(c))} ({value.ToString("#,##0.####", Vi)})";

    private static Formula ParseFormula(PlanFigure f, string field)
    {
        try
        {
            return Formula.Parse(f.Formula!);
        }
        catch (FormulaException e)
        {
            throw new DomainException($"{field}.Formula", $"Chỉ tiêu {f.Code}: công thức \"{f.Formula!.Trim()}\": {e.Message}")
            {
                English = $"Figure {f.Code}: formula \"{f.Formula!.Trim()}\": {e.English}",
            };
        }
    }

    private static void CheckReference(Dictionary<string, PlanFigure> byCode, string code, string field, string who, string whoEnglish)
    {
        if (!byCode.TryGetValue(code, out var cited))
        {
            throw new DomainException(field, $"{who}: không có chỉ tiêu số [{code}].")
            {
                English = $"{whoEnglish}: there is no numeric figure [{code}].",
            };
        }

        if (cited.Kind is FigureKind.Text or FigureKind.Heading)
        {
            throw new DomainException(field, $"{who}: chỉ tiêu [{code}] \"{cited.Name}\" không phải số liệu.")
            {
                English = $"{whoEnglish}: figure [{code}] \"{cited.Name}\" is not a number.",
            };
        }
    }

    /// <summary>The path of a cycle through <paramref name="code"/>'s formula, e.g. [1.3, 1.4, 1.3]; null without one.</summary>
    private static List<string>? Cycle(string code, Dictionary<string, Formula> formulas, List<string> path)
    {
        if (path.Contains(code))
        {
            return path[path.IndexOf(code)..].Append(code).ToList();
        }

        if (!formulas.TryGetValue(code, out var formula))
        {
            return null;
        }

        path.Add(code);
        foreach (var next in formula.References)
        {
            if (Cycle(next, formulas, path) is { } found)
            {
                return found;
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,3}){0,4}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("<=|>=|==|≤|≥|<|>|=")]
    private static partial Regex ComparisonPattern();
}
