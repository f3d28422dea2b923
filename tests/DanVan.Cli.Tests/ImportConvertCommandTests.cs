using System.Text.Json;

namespace DanVan.Tests;

/// <summary>`danvan import` on issue 17's files: the new JSON fields, and a .doc converted by the shared LibreOffice runner.</summary>
[Trait("Database", "none")]
public sealed class ImportConvertCommandTests
{
    [Fact]
    public async Task Import_TraTanJson_AddresseesClosingAndBothAuthorityLines()
    {
        var result = await Danvan.RunAsync(Path.GetTempPath(), null, "import", Fixtures.Import("tratan-q1.docx"), "--json");

        Assert.Equal(0, result.Exit);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("Ủy ban nhân dân huyện Trà Bồng", root.GetProperty("addressees")[0].GetString());
        Assert.StartsWith("Trên đây là báo cáo", root.GetProperty("closing")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", root.GetProperty("signer").GetProperty("authority").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("parentIssuer").ValueKind);
    }

    [Fact]
    public async Task Import_LegacyDocWithConvert_ReadThroughLibreOffice()
    {
        var result = await Danvan.RunAsync(Path.GetTempPath(), null, "import", Fixtures.Import("legacy.doc"), "--convert", "--json");

        Assert.True(result.Exit == 0, result.Err);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("15/BC-UBND", json.RootElement.GetProperty("documentNumber").GetString());
        Assert.Contains(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Converted from Word 97-2003", StringComparison.Ordinal));
    }
}
