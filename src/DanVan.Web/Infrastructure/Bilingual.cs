using System.Globalization;
using System.Resources;
using DanVan.Core;

namespace DanVan.Web.Infrastructure;

/// <summary>
/// What the server says in the user's language: a rule's English is stated beside its Vietnamese where Core throws
/// it, the UI's own texts are looked up in Resources/SharedResource.en.resx like the pages' (Vietnamese is the key).
/// </summary>
public static class Bilingual
{
    // The same resources IStringLocalizer<SharedResource> reads, for the few texts made where no localizer is injected
    // (model binding messages, the date binder).
    private static readonly ResourceManager Resources = new("DanVan.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static bool IsEnglish => IsEnglishCulture(CultureInfo.CurrentUICulture);

    public static bool IsEnglishCulture(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>The breach as the request's language says it: English when chosen and stated, else Vietnamese.</summary>
    public static string Shown(this DomainException breach) => Said(breach, IsEnglish);

    public static string Said(DomainException breach, bool english) => english && breach.English is { } en ? en : breach.Message;

    public static string Shown(this Refusal refusal) => IsEnglish ? refusal.English : refusal.Message;

    /// <summary>A UI text by its Vietnamese key, formatted with <paramref name="args"/>.</summary>
    public static string Text(string vietnamese, params object?[] args)
    {
        var format = IsEnglish ? English(vietnamese) ?? vietnamese : vietnamese;
        return args.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, args);
    }

    private static string? English(string key)
    {
        try
        {
            return Resources.GetString(key, CultureInfo.CurrentUICulture);
        }
        catch (MissingManifestResourceException)
        {
            // Vietnamese has no resource file of its own (the key is the text), so a key missing in English lands here.
            return null;
        }
    }
}
