using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DanVan.Web.Infrastructure;

/// <summary>
/// Dates are typed the Vietnamese way, dd/MM/yyyy, whatever the browser's locale (a native date picker shows
/// mm/dd/yyyy in an English-locale browser); ISO yyyy-MM-dd is accepted too for scripts and old forms.
/// </summary>
public sealed class VietnameseDateBinder : IModelBinder
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var context = bindingContext;
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        context.ModelState.SetModelValue(context.ModelName, value);
        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            context.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        if (DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            context.Result = ModelBindingResult.Success(date);
        }
        else
        {
            context.ModelState.TryAddModelError(context.ModelName, Bilingual.Text("Ngày \"{0}\" không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2025.", text));
        }

        return Task.CompletedTask;
    }

    public static string Format(DateOnly? date) => Display.Date(date);
}

public sealed class VietnameseDateBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(DateOnly) ? new VietnameseDateBinder() : null;
}
