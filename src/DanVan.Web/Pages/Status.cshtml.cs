using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages;

[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // Re-executed error pages keep the original method, so a failed POST lands here too.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // A re-executed POST whose body could not be read binds no route value either; the status is still set.
        code = code == 0 ? Response.StatusCode : code;
        var (heading, explanation) = code switch
        {
            404 => ("Không tìm thấy (404)", "Trang hoặc báo cáo này không tồn tại, hoặc không thuộc phạm vi đơn vị của bạn."),
            403 => ("Không có quyền (403)", "Tài khoản của bạn không được phép thực hiện thao tác này."),
            400 => ("Yêu cầu không hợp lệ (400)", "Dữ liệu gửi lên không hợp lệ. Tải lại trang và thử lại."),
            429 => ("Quá nhiều yêu cầu (429)", "Có quá nhiều lần đăng nhập từ máy này trong thời gian ngắn. Chờ một phút rồi thử lại."),
            413 => ("Dữ liệu quá lớn (413)", "Nội dung gửi lên vượt quá dung lượng cho phép (tệp Word nhập vào báo cáo: tối đa {0} MB)."),
            _ => ("Có lỗi xảy ra ({0})", "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu đã lưu trước đó không bị ảnh hưởng; thử lại sau ít phút."),
        };
        (Heading, Explanation) = (Bilingual.Text(heading, code), Bilingual.Text(explanation, Core.Import.ReportImportService.MaxFileBytes / 1024 / 1024));
    }
}
