using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

/// <summary>
/// Every fixture made by tests/fixtures/import/make-fixtures.sh (pandoc, LibreOffice, npm docx) is read and compared
/// with its hand-checked NAME.expected.json: the fields it names must match; sections are matched in order by heading
/// and level, with their first paragraph and tables when given; citations by number.
/// </summary>
public sealed class ImportFixtureTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Expectations() =>
        [.. Directory.EnumerateFiles(Fixtures.Import(""), "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Read_Fixture_MatchesHandCheckedExpectations(string name)
    {
        using var file = File.OpenRead(Fixtures.Import(name + ".docx"));
        var actual = JsonSerializer.SerializeToNode(DocxReader.Read(file), Json)!.AsObject();
        var expected = JsonNode.Parse(File.ReadAllText(Fixtures.Import(name + ".expected.json")))!.AsObject();

        var differences = new List<string>();
        CompareObject(expected, actual, "$", differences);

        Assert.True(differences.Count == 0, $"{name}:\n" + string.Join("\n", differences) + "\n--- actual ---\n" + actual.ToJsonString(new JsonSerializerOptions(Json) { WriteIndented = true }));
    }

    /// <summary>Parts read once are remembered by fingerprint (footnotes only when a part holds none): a second file with the same part reads the same.</summary>
    [Theory]
    [InlineData("header-table")]
    [InlineData("libreoffice-roundtrip")]
    public void Read_SameFileTwice_SameFootnotes(string name)
    {
        using var first = File.OpenRead(Fixtures.Import(name + ".docx"));
        var once = DocxReader.Read(first).Footnotes;
        using var second = File.OpenRead(Fixtures.Import(name + ".docx"));
        var twice = DocxReader.Read(second).Footnotes;

        Assert.NotEmpty(once);
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Fixtures_ArePresent() => Assert.True(Expectations().Count >= 6, "make-fixtures.sh output is missing");

    private static void CompareObject(JsonObject expected, JsonObject actual, string path, List<string> differences)
    {
        foreach (var (key, value) in expected)
        {
            var here = $"{path}.{key}";
            var other = actual[key];
            switch (key)
            {
                case "sections" when value is JsonArray sections:
                    CompareSections(sections, other as JsonArray ?? [], here, differences);
                    break;
                case "citations" when value is JsonArray citations:
                    foreach (var citation in citations.OfType<JsonObject>())
                    {
                        var number = citation["number"]?.GetValue<string>();
                        var match = (other as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["number"]?.GetValue<string>() == number);
                        if (match is null)
                        {
                            differences.Add($"{here}: no citation {number}");
                        }
                        else
                        {
                            CompareObject(citation, match, $"{here}[{number}]", differences);
                        }
                    }

                    break;
                case "paragraphs" when value is JsonArray paragraphs && other is JsonArray got:
                    // Expectations list the leading paragraphs they checked.
                    for (var i = 0; i < paragraphs.Count; i++)
                    {
                        var want = paragraphs[i]?.GetValue<string>();
                        var have = i < got.Count ? got[i]?.GetValue<string>() : null;
                        if (want != have)
                        {
                            differences.Add($"{here}[{i}]: expected «{want}», got «{have}»");
                        }
                    }

                    break;
                case "warnings":
                    break;
                default:
                    if (value is JsonObject obj && other is JsonObject otherObj)
                    {
                        CompareObject(obj, otherObj, here, differences);
                    }
                    else if (!JsonNode.DeepEquals(value, other))
                    {
                        differences.Add($"{here}: expected {value?.ToJsonString(Json) ?? "null"}, got {other?.ToJsonString(Json) ?? "null"}");
                    }

                    break;
            }
        }
    }

    private static void CompareSections(JsonArray expected, JsonArray actual, string path, List<string> differences)
    {
        var at = 0;
        foreach (var section in expected.OfType<JsonObject>())
        {
            var heading = section["heading"]?.GetValue<string>();
            var found = -1;
            for (var i = at; i < actual.Count; i++)
            {
                if (actual[i]?["heading"]?.GetValue<string>() == heading)
                {
                    found = i;
                    break;
                }
            }

            if (found < 0)
            {
                differences.Add($"{path}: no section «{heading}» (in order) among [{string.Join(" | ", actual.Select(a => a?["heading"]?.GetValue<string>()))}]");
                continue;
            }

            CompareObject(section, actual[found]!.AsObject(), $"{path}[«{heading}»]", differences);
            at = found + 1;
        }
    }
}
