using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace DanVan.Tests;

/// <summary>
/// An HTTP client that behaves like a browser without JS: keeps cookies, reads forms (with their antiforgery
/// token) from the page and posts them back, so page tests exercise real forms.
/// </summary>
public sealed partial class Browserless(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static async Task<Browserless> LogInAsync(DanVanWebFactory factory, string userName, string password = DanVanWebFactory.Password)
    {
        var browser = new Browserless(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Log-in as {userName} failed: {(int)response.StatusCode}");
        }

        return browser;
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetPageAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    /// <summary>Loads <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formSelector, Dictionary<string, string> values)
    {
        var (response, page) = await GetPageAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}");
        return await PostFormAsync(form, url, values);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, string pageUrl, Dictionary<string, string> values)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" }:
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                    continue;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Text of the page's error summary, where pages list rule breaches.</summary>
    public static string Errors(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".errors li, .field-validation-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    public static int ReportIdFrom(HttpResponseMessage redirect) =>
        int.Parse(ReportUrl().Match(redirect.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/reports/(\d+)")]
    private static partial Regex ReportUrl();
}
