namespace DanVan.Web;

/// <summary>
/// Marker for the UI strings. Pages are written in Vietnamese, which is also the lookup key;
/// Resources/SharedResource.en.resx holds the English.
/// </summary>
public sealed class SharedResource;
