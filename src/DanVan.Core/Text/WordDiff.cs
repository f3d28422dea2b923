using System.Text.RegularExpressions;

namespace DanVan.Core.Text;

public enum DiffKind
{
    Same,
    Deleted,
    Inserted,
}

public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>
/// What changed between two texts, word by word, for a reader: paragraphs are matched first, then the words of the
/// paragraphs that changed (longest common subsequence). Pure.
/// </summary>
public static partial class WordDiff
{
    /// <summary>Above this many table cells a changed block is shown as removed and added whole, in bounded time and memory.</summary>
    public const int MaxCells = 4_000_000;

    public static IReadOnlyList<DiffPiece> Compare(string before, string after)
    {
        var pieces = new List<DiffPiece>();
        var removed = new List<string>();
        var added = new List<string>();
        foreach (var (kind, line) in Lcs(Paragraphs(before), Paragraphs(after)))
        {
            if (kind == DiffKind.Same)
            {
                Flush();
                Add(pieces, DiffKind.Same, line);
            }
            else
            {
                (kind == DiffKind.Deleted ? removed : added).Add(line);
            }
        }

        Flush();
        return WithoutFinalLineEnd(pieces);

        // A run of changed paragraphs is compared word by word, so a sentence edited in place reads as that edit.
        void Flush()
        {
            if (removed.Count == 0 || added.Count == 0)
            {
                Add(pieces, DiffKind.Deleted, string.Concat(removed));
                Add(pieces, DiffKind.Inserted, string.Concat(added));
            }
            else
            {
                foreach (var piece in Words(string.Concat(removed), string.Concat(added)))
                {
                    Add(pieces, piece.Kind, piece.Text);
                }
            }

            removed.Clear();
            added.Clear();
        }
    }

    /// <summary>Each paragraph with its line end; the text gets one more so the last paragraph compares like the others.</summary>
    private static string[] Paragraphs(string text)
    {
        var parts = (text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n").Split('\n');
        return parts[..^1].Select(p => p + "\n").ToArray();
    }

    /// <summary>Takes off the line end <see cref="Paragraphs"/> added, from the last piece of each text.</summary>
    private static List<DiffPiece> WithoutFinalLineEnd(List<DiffPiece> pieces)
    {
        var lastBefore = pieces.FindLastIndex(p => p.Kind != DiffKind.Inserted);
        var lastAfter = pieces.FindLastIndex(p => p.Kind != DiffKind.Deleted);
        foreach (var (i, other) in new[] { (lastBefore, DiffKind.Inserted), (lastAfter, DiffKind.Deleted) }.Where(x => x.Item1 >= 0).DistinctBy(x => x.Item1).OrderByDescending(x => x.Item1))
        {
            pieces[i] = pieces[i] with { Text = pieces[i].Text[..^1] };
            if (pieces[i].Kind == DiffKind.Same && lastBefore != lastAfter)
            {
                // The other text goes on after this shared paragraph, so there its line end is real.
                pieces.Insert(i + 1, new DiffPiece(other, "\n"));
            }
        }

        var result = new List<DiffPiece>();
        foreach (var piece in pieces)
        {
            Add(result, piece.Kind, piece.Text);
        }

        return result;
    }

    /// <summary>True when nothing changed.</summary>
    public static bool Unchanged(IReadOnlyList<DiffPiece> pieces) => pieces.All(p => p.Kind == DiffKind.Same);

    private static List<DiffPiece> Words(string before, string after)
    {
        var a = Tokens().Matches(before).Select(m => m.Value).ToArray();
        var b = Tokens().Matches(after).Select(m => m.Value).ToArray();
        var pieces = new List<DiffPiece>();
        var run = new List<(DiffKind Kind, string Text)>();
        var ops = Lcs(a, b);
        for (var i = 0; i < ops.Count; i++)
        {
            var (kind, token) = ops[i];
            // A space kept between two changes would cut one replaced phrase into word-by-word fragments.
            var between = kind == DiffKind.Same && string.IsNullOrWhiteSpace(token) && run.Count > 0 && i + 1 < ops.Count && ops[i + 1].Kind != DiffKind.Same;
            if (kind == DiffKind.Same && !between)
            {
                EndRun();
                Add(pieces, DiffKind.Same, token);
            }
            else if (between)
            {
                run.Add((DiffKind.Deleted, token));
                run.Add((DiffKind.Inserted, token));
            }
            else
            {
                run.Add((kind, token));
            }
        }

        EndRun();
        return pieces;

        // Within a run of changes all that went is shown first, then all that came.
        void EndRun()
        {
            Add(pieces, DiffKind.Deleted, string.Concat(run.Where(r => r.Kind == DiffKind.Deleted).Select(r => r.Text)));
            Add(pieces, DiffKind.Inserted, string.Concat(run.Where(r => r.Kind == DiffKind.Inserted).Select(r => r.Text)));
            run.Clear();
        }
    }

    private static void Add(List<DiffPiece> pieces, DiffKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
    }

    /// <summary>The edit script from a to b: common prefix and suffix first, then a table on what is left between them.</summary>
    private static List<(DiffKind Kind, string Item)> Lcs(string[] a, string[] b)
    {
        var start = 0;
        while (start < a.Length && start < b.Length && string.Equals(a[start], b[start], StringComparison.Ordinal))
        {
            start++;
        }

        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && string.Equals(a[endA - 1], b[endB - 1], StringComparison.Ordinal))
        {
            endA--;
            endB--;
        }

        var ops = new List<(DiffKind, string)>(a.Length + b.Length);
        ops.AddRange(a[..start].Select(x => (DiffKind.Same, x)));
        int n = endA - start, m = endB - start;
        if ((long)n * m > MaxCells)
        {
            ops.AddRange(a[start..endA].Select(x => (DiffKind.Deleted, x)));
            ops.AddRange(b[start..endB].Select(x => (DiffKind.Inserted, x)));
        }
        else
        {
            // length[i, j] = LCS of a[start + i ..] and b[start + j ..]; at most min(n, m) ≤ 2,000 fits a ushort.
            var length = new ushort[(n + 1) * (m + 1)];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    length[(i * (m + 1)) + j] = string.Equals(a[start + i], b[start + j], StringComparison.Ordinal)
                        ? (ushort)(length[((i + 1) * (m + 1)) + j + 1] + 1)
                        : Math.Max(length[((i + 1) * (m + 1)) + j], length[(i * (m + 1)) + j + 1]);
                }
            }

            int x = 0, y = 0;
            while (x < n && y < m)
            {
                if (string.Equals(a[start + x], b[start + y], StringComparison.Ordinal))
                {
                    ops.Add((DiffKind.Same, a[start + x]));
                    x++;
                    y++;
                }
                else if (length[((x + 1) * (m + 1)) + y] >= length[(x * (m + 1)) + y + 1])
                {
                    ops.Add((DiffKind.Deleted, a[start + x++]));
                }
                else
                {
                    ops.Add((DiffKind.Inserted, b[start + y++]));
                }
            }

            ops.AddRange(a[(start + x)..endA].Select(v => (DiffKind.Deleted, v)));
            ops.AddRange(b[(start + y)..endB].Select(v => (DiffKind.Inserted, v)));
        }

        ops.AddRange(a[endA..].Select(x => (DiffKind.Same, x)));
        return ops;
    }

    /// <summary>Words (letters with their tone marks, digits), runs of spaces, and each other character alone.</summary>
    [GeneratedRegex(@"\w+|\s+|[^\w\s]")]
    private static partial Regex Tokens();
}
