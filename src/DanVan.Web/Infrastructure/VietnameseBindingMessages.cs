using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace DanVan.Web.Infrastructure;

/// <summary>Form values that do not even parse (a date like 31/02, letters in a number) are explained in Vietnamese too.</summary>
public static class VietnameseBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"Giá trị \"{value}\" không hợp lệ.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị \"{value}\" không hợp lệ.");
        messages.SetUnknownValueIsInvalidAccessor(_ => "Giá trị nhập không hợp lệ.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị nhập không hợp lệ.");
        messages.SetValueIsInvalidAccessor(value => $"Giá trị \"{value}\" không hợp lệ.");
        messages.SetValueMustBeANumberAccessor(_ => "Trường này phải là số.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Trường này phải là số.");
        messages.SetValueMustNotBeNullAccessor(_ => "Trường này không được để trống.");
        messages.SetMissingBindRequiredValueAccessor(_ => "Thiếu giá trị bắt buộc.");
        messages.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị bắt buộc.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Yêu cầu không có nội dung.");
    }
}
