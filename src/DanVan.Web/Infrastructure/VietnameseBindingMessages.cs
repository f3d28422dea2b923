using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace DanVan.Web.Infrastructure;

/// <summary>Form values that do not even parse (a date like 31/02, letters in a number) are explained in the user's language too.</summary>
public static class VietnameseBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Bilingual.Text("Giá trị \"{0}\" không hợp lệ.", value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Bilingual.Text("Giá trị \"{0}\" không hợp lệ.", value));
        messages.SetUnknownValueIsInvalidAccessor(_ => Bilingual.Text("Giá trị nhập không hợp lệ."));
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Bilingual.Text("Giá trị nhập không hợp lệ."));
        messages.SetValueIsInvalidAccessor(value => Bilingual.Text("Giá trị \"{0}\" không hợp lệ.", value));
        messages.SetValueMustBeANumberAccessor(_ => Bilingual.Text("Trường này phải là số."));
        messages.SetNonPropertyValueMustBeANumberAccessor(() => Bilingual.Text("Trường này phải là số."));
        messages.SetValueMustNotBeNullAccessor(_ => Bilingual.Text("Trường này không được để trống."));
        messages.SetMissingBindRequiredValueAccessor(_ => Bilingual.Text("Thiếu giá trị bắt buộc."));
        messages.SetMissingKeyOrValueAccessor(() => Bilingual.Text("Thiếu giá trị bắt buộc."));
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Bilingual.Text("Yêu cầu không có nội dung."));
    }
}
