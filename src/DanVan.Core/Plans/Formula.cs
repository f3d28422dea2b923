using System.Globalization;
using System.Text;

namespace DanVan.Core.Plans;

/// <summary>A formula that could not be read, with the 1-based character where reading stopped.</summary>
public sealed class FormulaException(string message, string english, int position) : Exception(message)
{
    public int Position { get; } = position;

    public string English { get; } = english;
}

/// <summary>A formula's value, or no value and why (a figure not given, a division by zero) — never a made-up 0.</summary>
public readonly record struct FormulaResult(decimal? Value, string? Reason);

/// <summary>
/// A derived indicator's formula as a biểu mẫu writes it: "[1.1] / [1] × 100". Figures are referred to by their
/// number in brackets; + − × ÷ (also *, /, x, :) with the usual precedence, parentheses, and decimals written
/// either way ("0,5", "0.5"). Parsed once, evaluated the same way by the figures page, the API, imports and
/// consolidation. Pure.
/// </summary>
public sealed class Formula
{
    public const int MaxLength = 500;

    private readonly Node root;

    private Formula(string text, Node root)
    {
        Text = text;
        this.root = root;
    }

    /// <summary>The formula as typed, trimmed.</summary>
    public string Text { get; }

    /// <summary>The numbers of the figures it reads, in order of first use.</summary>
    public IReadOnlyList<string> References => [.. Refs(root).Distinct(StringComparer.Ordinal)];

    /// <summary>Reads a formula; throws <see cref="FormulaException"/> with the position and, in Vietnamese, what was expected.</summary>
    public static Formula Parse(string text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new FormulaException("Công thức trống.", "The formula is empty.", 1);
        }

        if (trimmed.Length > MaxLength)
        {
            throw new FormulaException($"Công thức tối đa {MaxLength} ký tự.", $"A formula may have at most {MaxLength} characters.", MaxLength + 1);
        }

        var parser = new Parser(trimmed);
        var node = parser.Expression();
        parser.End();
        return new Formula(trimmed, node);
    }

    /// <summary>The value from the figures' values (null where a figure has none).</summary>
    public FormulaResult Evaluate(Func<string, decimal?> valueOf)
    {
        try
        {
            return Eval(root, valueOf);
        }
        catch (OverflowException)
        {
            return new FormulaResult(null, "kết quả quá lớn");
        }
    }

    /// <summary>A division whose divisor is a constant 0 ("[1] / (2 − 2)"), which no figures can ever rescue.</summary>
    public bool DividesByConstantZero => ConstantZeroDivisor(root);

    /// <summary>The formula in words, figures by name: "Số hồ sơ đúng hạn ÷ Số hồ sơ tiếp nhận × 100".</summary>
    public string InWords(Func<string, string?> nameOf)
    {
        var text = new StringBuilder();
        Words(root, nameOf, text, 0);
        return text.ToString();
    }

    /// <summary>The formula as a spreadsheet formula over the cells holding each figure: "[1.2] / [1.1] × 100" → "C8/C7*100".</summary>
    public string ToSpreadsheet(Func<string, string> cellOf)
    {
        var text = new StringBuilder();
        Cells(root, cellOf, text, 0);
        return text.ToString();
    }

    private static void Cells(Node node, Func<string, string> cellOf, StringBuilder text, int outer)
    {
        switch (node)
        {
            case Number n:
                text.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case Reference r:
                text.Append(cellOf(r.Code));
                break;
            case Negate neg:
                text.Append("-(");
                Cells(neg.Operand, cellOf, text, 0);
                text.Append(')');
                break;
            case Binary b:
                var p = Precedence(b.Op);
                var parens = p < outer;
                text.Append(parens ? "(" : "");
                Cells(b.Left, cellOf, text, p);
                text.Append(b.Op);
                Cells(b.Right, cellOf, text, b.Op is '-' or '/' ? p + 1 : p);
                text.Append(parens ? ")" : "");
                break;
        }
    }

    private static FormulaResult Eval(Node node, Func<string, decimal?> valueOf)
    {
        switch (node)
        {
            case Number n:
                return new(n.Value, null);
            case Reference r:
                return valueOf(r.Code) is { } v ? new(v, null) : new(null, $"chưa có số liệu chỉ tiêu [{r.Code}]");
            case Negate neg:
                var inner = Eval(neg.Operand, valueOf);
                return inner.Value is { } x ? new(-x, null) : inner;
            case Binary b:
                var left = Eval(b.Left, valueOf);
                if (left.Value is not { } l)
                {
                    return left;
                }

                var right = Eval(b.Right, valueOf);
                if (right.Value is not { } r2)
                {
                    return right;
                }

                return b.Op switch
                {
                    '+' => new(l + r2, null),
                    '-' => new(l - r2, null),
                    '*' => new(l * r2, null),
                    _ when r2 == 0 => new(null, $"chia cho 0 ({Show(b.Right)} = 0)"),
                    _ => new(l / r2, null),
                };
            default:
                throw new InvalidOperationException();
        }
    }

    private static bool ConstantZeroDivisor(Node node) => node switch
    {
        Binary { Op: '/' } b when !Refs(b.Right).Any() && Eval(b.Right, _ => null).Value == 0 => true,
        Binary b => ConstantZeroDivisor(b.Left) || ConstantZeroDivisor(b.Right),
        Negate n => ConstantZeroDivisor(n.Operand),
        _ => false,
    };

    private static IEnumerable<string> Refs(Node node) => node switch
    {
        Reference r => [r.Code],
        Negate n => Refs(n.Operand),
        Binary b => Refs(b.Left).Concat(Refs(b.Right)),
        _ => [],
    };

    private static int Precedence(char op) => op is '+' or '-' ? 1 : 2;

    private static void Words(Node node, Func<string, string?> nameOf, StringBuilder text, int outer)
    {
        switch (node)
        {
            case Number n:
                text.Append(n.Value.ToString("0.##########", Vietnamese));
                break;
            case Reference r:
                text.Append(nameOf(r.Code) ?? $"[{r.Code}]");
                break;
            case Negate neg:
                text.Append('−');
                Words(neg.Operand, nameOf, text, 3);
                break;
            case Binary b:
                var p = Precedence(b.Op);
                var parens = p < outer;
                text.Append(parens ? "(" : "");
                Words(b.Left, nameOf, text, p);
                text.Append(b.Op switch { '+' => " + ", '-' => " − ", '*' => " × ", _ => " ÷ " });
                // The right operand of − and ÷ needs brackets at equal precedence: a − (b − c).
                Words(b.Right, nameOf, text, b.Op is '-' or '/' ? p + 1 : p);
                text.Append(parens ? ")" : "");
                break;
        }
    }

    private static string Show(Node node)
    {
        var text = new StringBuilder();
        Words(node, code => $"[{code}]", text, 0);
        return text.ToString();
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private abstract record Node;

    private sealed record Number(decimal Value) : Node;

    private sealed record Reference(string Code) : Node;

    private sealed record Negate(Node Operand) : Node;

    private sealed record Binary(char Op, Node Left, Node Right) : Node;

    private sealed class Parser(string text)
    {
        private int at;

        public Node Expression()
        {
            var node = Term();
            while (Peek() is '+' or '-')
            {
                var op = Take();
                node = new Binary(op, node, Term());
            }

            return node;
        }

        public void End()
        {
            if (Peek() is { } c)
            {
                throw c == ')'
                    ? Error("thừa dấu \")\"", "one \")\" too many")
                    : Error($"không đọc được \"{text[at]}\"; cần một phép tính (+ − × ÷)", $"cannot read \"{text[at]}\"; an operation (+ − × ÷) is expected");
            }
        }

        private Node Term()
        {
            var node = Factor();
            while (Peek() is '*' or '/')
            {
                var op = Take();
                node = new Binary(op, node, Factor());
            }

            return node;
        }

        private Node Factor()
        {
            switch (Peek())
            {
                case '-':
                    Take();
                    return new Negate(Factor());
                case '(':
                    Take();
                    var inner = Expression();
                    if (Peek() != ')')
                    {
                        throw Error("thiếu dấu \")\"", "a \")\" is missing");
                    }

                    Take();
                    return inner;
                case '[':
                    return Ref();
                case { } c when char.IsAsciiDigit(c):
                    return Literal();
                case null:
                    throw Error("công thức dừng giữa chừng; cần một số, một chỉ tiêu [số thứ tự] hoặc \"(\"", "the formula stops half-way; a number, a figure [number] or \"(\" is expected");
                default:
                    throw Error($"không đọc được \"{text[at]}\"; cần một số, một chỉ tiêu [số thứ tự] hoặc \"(\"", $"cannot read \"{text[at]}\"; a number, a figure [number] or \"(\" is expected");
            }
        }

        private Reference Ref()
        {
            var start = at;
            var close = text.IndexOf(']', at);
            if (close < 0)
            {
                throw Error("thiếu dấu \"]\"", "a \"]\" is missing");
            }

            var code = text[(at + 1)..close].Trim();
            if (!PlanIndicators.IsCode(code))
            {
                throw new FormulaException($"Vị trí {start + 1}: \"[{code}]\" không phải số thứ tự chỉ tiêu (ví dụ [1] hoặc [1.2]).", $"Position {start + 1}: \"[{code}]\" is not a figure number (e.g. [1] or [1.2]).", start + 1);
            }

            at = close + 1;
            return new Reference(code);
        }

        private Number Literal()
        {
            var start = at;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                at++;
            }

            // "0,5" or "0.5": formulas hold small constants (100, 1000, 0,5), never thousands separators.
            if (at + 1 < text.Length && text[at] is ',' or '.' && char.IsAsciiDigit(text[at + 1]))
            {
                at++;
                while (at < text.Length && char.IsAsciiDigit(text[at]))
                {
                    at++;
                }
            }

            var literal = text[start..at].Replace(',', '.');
            if (!decimal.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value >= FigureValue.Limit)
            {
                throw new FormulaException($"Vị trí {start + 1}: số \"{text[start..at]}\" quá lớn.", $"Position {start + 1}: the number \"{text[start..at]}\" is too large.", start + 1);
            }

            return new Number(value);
        }

        /// <summary>The next operator or token, with the ways officials type them folded to one: ×, x, X → *; ÷, : → /; −, – → -.</summary>
        private char? Peek()
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            return at >= text.Length ? null : text[at] switch
            {
                '×' or 'x' or 'X' or '*' or '·' => '*',
                '÷' or ':' or '/' => '/',
                '−' or '–' or '-' => '-',
                var c => c,
            };
        }

        private char Take()
        {
            var c = Peek()!.Value;
            at++;
            return c;
        }

        private FormulaException Error(string what, string english) => new($"Vị trí {at + 1}: {what}.", $"Position {at + 1}: {english}.", at + 1);
    }
}
