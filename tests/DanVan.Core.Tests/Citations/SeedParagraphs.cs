namespace DanVan.Tests.Citations;

/// <summary>
/// Paragraphs copied verbatim from the two seed reports (Demo/Seeds). Decomposed letters that Word left in the
/// extract are kept, written as \u escapes so the literal cannot be normalised by an editor.
/// </summary>
internal static class SeedParagraphs
{
    /// <summary>Seed 000 (Ban QLDA giao thông Lâm Đồng, tháng 7/2024), opening paragraph.</summary>
    public const string Bqlda2040Plan =
        "Thực hiện Kế hoạch số 2040/KH-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh Lâm Đồng về việc thực " +
        "hiện công tác dân vận, dân chủ năm 2024; Ban Quản lý dự án giao thông tỉnh Lâm Đồng báo cáo kết quả " +
        "thực hiện công tác dân vận tháng 7 năm 2024 và phương hướng, nhiệm vụ tháng 8 năm 2024 như sau:";

    /// <summary>Seed 000, I.1 Công tác lãnh đạo, chỉ đạo.</summary>
    public const string BqldaLeadership =
        "Tiếp tục đẩy mạnh công tác tuyên truyền, phổ biến, quán triệt các văn bản của Trung ương, của Tỉnh " +
        "ủy như: Chỉ thị số 33/CT-TTg ngày 26/112021 của Thủ tướng Chính phủ về tiếp tục tăng cường và đổi " +
        "mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới; " +
        "Chương trình phối hợp số 24-CTr/BDVTU-BCSĐUBND ngày 09/5/2022 giữa Ban Dân vận Tỉnh ủy và Ban cán sự " +
        "đảng Ủy ban nhân dân tỉnh Lâm Đồng về công tác dân vận, giai đoạn 2022 - 2026 và các văn bản liên " +
        "quan khác có liên quan. Việc tuyên truyền, quán triệt được đơn vị tổ chức thực hiện nghiêm túc, xác " +
        "định rõ nội dung để tập trung thực hiện tốt công tác dân vận, góp phần thực hiện tốt nhiệm vụ chính " +
        "trị được giao.";

    /// <summary>Seed 000, I.2 Kết quả thực hiện (last paragraph).</summary>
    public const string BqldaDiscipline =
        "Thực hiện nghiêm Văn bản số 9372/UBND-VX2 ngày 26/10/2023 của UBND tỉnh về việc tiếp tục chấn chỉnh, " +
        "tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp trên địa bàn tỉnh; Chỉ " +
        "thị số 10/CT-UBND ngày 27/10/2023 của UBND tỉnh về chấn chỉnh, tăng cường công tác thanh tra, kiểm " +
        "tra, giám sát hoạt động công vụ của các cơ quan, địa phương, đơn vị trên địa bàn tỉnh; thực hiện quy " +
        "định về đạo đức công vụ, phát huy vai trò gương mẫu của người đứng đầu, viên chức và người lao động. " +
        "Xây dựng đội ngũ viên chức, người lao động có tính chuyên nghiệp, trách nhiệm, năng động, minh bạch, " +
        "hiệu quả trong hoạt động thực thi nhiệm vụ, công vụ…";

    /// <summary>Seed 000, I.2 Kết quả thực hiện (second paragraph, no citation).</summary>
    public const string BqldaNoCitation =
        "Các tổ chức đoàn thể đã phối hợp cùng chính quyền Ban nỗ lực thực hiện khá tốt các nhiệm vụ, công " +
        "tác trọng tâm của ngành, có chuyển biến tốt trong công tác chỉ đạo điều hành và chất lượng công " +
        "việc; tích cực hưởng ứng và triển khai công tác thi đua khen thưởng, chăm lo đời sống và bảo vệ " +
        "quyền và lợi ích hợp pháp, chính đáng cho đoàn viên công đoàn; thường xuyên kiểm tra giám sát việc " +
        "thực hiện chế độ, chính sách có liên quan như chế độ BHXH, BHYT, tiền lương, nâng lương định kỳ... " +
        "Công tác thăm hỏi được bảo đảm thường xuyên, kịp thời để động viên, giúp đỡ đoàn viên khi gặp hoàn " +
        "cảnh khó khăn. Chủ động phối hợp với chính quyền tổ chức Hội nghị viên chức – người lao động năm " +
        "2023; qua Hội nghị đã dân chủ bàn bạc để đề ra các mục tiêu thực hiện trong năm 2024, triển khai " +
        "thực hiện Quy chế phối hợp giữa Công đoàn và chuyên môn đạt kết quả tốt; tạo điều kiện để tổ chức " +
        "đoàn thể được tham gia giám sát, phản biện xã hội và góp ý xây dựng chính quyền trong sạch, vững " +
        "mạnh.";

    /// <summary>Seed 004 (UBND xã Trà Tân, quý I/2025), opening paragraph.</summary>
    public const string TraTan42Plan =
        "Thực hiện Kế hoạch số 42/KH-UBND ngày 21/3/2025 của UBND huyện Trà Bồng về việc thực hiện quy chế " +
        "dân chủ ở cơ sở và công tác dân vận chính quyền năm 2025.  UBND xã Trà Tân báo cáo kết quả thực hiện " +
        "công tác dân vận chính quyền quý I năm 2025 cụ thể như sau:";

    /// <summary>Seed 004, I.1.</summary>
    public const string TraTanLeadership =
        "1. Công tác lãnh chỉ đạo: Căn cứ văn bản của UBND tỉnh, huyện và Đảng ủy xã về triển khai thực hiện " +
        "công tác dân vận chính quyền năm 2025, UBND xã đã ban hành Kế hoạch số 44/KH-UBND ngày 27/02/2025 về " +
        "thực hiện Quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2025. Bên cạnh đó, UBND xã " +
        "cũng đã triển khai quán triệt yêu cầu các tổ chức, cơ quan, đơn vị trên địa bàn tăng cường sự chỉ " +
        "đạo, điều hành và đề cao trách nhiệm cá nhân, nhất là người đứng đầu cơ quan, đơn vị việc tổ chức " +
        "thực hiện công tác dân vận, xây dựng kế hoạch thực hiện công tác dân vận năm 2025 phù hợp với tình " +
        "hình thực tế của cơ quan, đơn vị, thực hiện có hiệu quả từng nội dung trong kế hoạch đã đề ra.";

    /// <summary>Seed 004, I.2 (contains decomposed letters, as extracted from Word).</summary>
    public const string TraTanPropaganda =
        "2. Công tác tuyên truyền, phổ biến Chỉ thị và các văn bản liên quan đến công tác dân vận chính " +
        "quyền: UBND xã đã đưa tin tuyên truyền trên hê\u0323 thô\u0301ng truyê\u0300n thanh, trên trang " +
        "thông tin điện tử xã và thông qua các cuộc họp, các hội nghị trong đó đã tập trung triển khai phổ " +
        "biến, tuyên truyền, quán triệt nâng cao nhận thức của đội ngũ cán bộ, công chức, viên chức và người " +
        "lao động về các nội dung của Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về việc " +
        "tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp " +
        "trong tình hình mới. Đẩy mạnh các hoạt động tuyên truyền, giáo dục nhằm nâng cao nhận thức về ý " +
        "nghĩa, tầm quan trọng của công tác dân vận; về vị trí, vai trò, trách nhiệm của cơ quan hành chính " +
        "nhà nước, chính quyền và cán bộ, công chức, viên chức trong thực hiện công tác dân vận, bảo đảm công " +
        "tác dân vận luôn gần gũi với Nhân dân; chú trọng đổi mới nội dung và hình thức tuyên truyền, vận " +
        "động Nhân dân để dễ hiểu, dễ nhớ, dễ thực hiện. Qua công tác tuyên truyền đã góp phần nâng cao nhận " +
        "thức, phát huy quyền làm chủ, nâng cao tinh thần trách nhiệm của đội ngũ cán bộ, công chức trong cơ " +
        "quan, tăng cường kỷ luật, kỷ cương hành chính, đẩy mạnh việc thực hành tiết kiệm chống lãng phí; lề " +
        "lối, tác phong làm việc được cải thiện, trách nhiệm trong thực thi công vụ được tăng cường, góp phần " +
        "hoàn thành các nhiệm vụ chính trị, chuyên môn của cơ quan, đơn vị, địa phương.";

    /// <summary>Seed 004, I.3 Pháp lệnh paragraph.</summary>
    public const string TraTanGrassroots =
        "Thực hiện quy chế dân chủ ở cơ sở để đảm bảo cho cán bộ và nhân dân đều nắm rõ về nội dung quy chế " +
        "dân chủ theo Pháp lệnh số 34/2007/PL-UBTVQH 11: UBND đã tổ chức bằng nhiều hình thức như hội nghị " +
        "cán bộ quán triệt các nội dung cơ bản của Trung ương, tỉnh, huyện, xã; phối, kết hợp với Mặt trận và " +
        "các đoàn thể để lồng ghép trong các buổi sinh hoạt, họp thôn, thông qua hệ thống truyền thanh của " +
        "địa phương, niêm yết tại nơi công cộng, thông qua tiếp xúc cử tri. Qua đó đã triển khai đến tận nhân " +
        "dân các kế hoạch phát triển kinh tế- xã hội, Nghị quyết của Hội đồng nhân dân, các dự án, công trình " +
        "đầu tư, hỗ trợ giải phóng mặt bằng liên quan đến dự án, công trình trên địa bàn xã.";

    /// <summary>Seed 004, I.4.</summary>
    public const string TraTanReform =
        "4. Tiếp tục tổ chức triển khai thực hiện có hiệu quả Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính " +
        "phủ ban hành chương trình tổng thể cải cách hành chính (CCHC) nhà nước giai đoạn 2021 – 2030.";

    /// <summary>Seed 004, footnote 1.</summary>
    public const string TraTanFootnote =
        "Công văn số 50/UBND ngày 06/3/2024 của UBND xã V/v tiếp tục thực hiện số hóa hồ sơ, giải quyết hồ sơ " +
        "trực tuyến, thanh toán trực tuyến, chấp hành tốt kỷ luật, kỷ cương hành chính";

    /// <summary>Seed 004, I.7.</summary>
    public const string TraTanFront =
        "7. Công tác phối hợp, tạo điều kiện để Mặt trận tổ quốc, các tổ chức chính trị - xã hội tham gia " +
        "giám sát, phản biện xã hội, xây dựng chính quyền vững mạnh:  Thực hiện Quyết định số 217-QĐ/TW và " +
        "Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ chính trị khóa XI về “Quy chế giám sát và phản biện " +
        "xã hội của Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội”, “ quy định về Mặt trận Tổ " +
        "quốc Việt Nam, các đoàn thể chính trị - xã hội và nhân dân tham gia góp ý xây dựng Đảng, xây dựng " +
        "chính quyền”; tiếp tục đổi mới nội dung và phương thức hoạt động; Công tác phối hợp giữa chính quyền " +
        "với mặt trận,các đoàn thể chính trị - xã hội được nâng lên. đẩy mạnh công tác giám sát, phản biện " +
        "tham gia xây dụng Đảng, chính quyền vững mạnh, góp phần hoàn thành các mục tiêu, nhiệm vụ và Nghị " +
        "quyết Đại hội Đảng các cấp đề ra.";

    /// <summary>Seed 004, II.1.</summary>
    public const string TraTanNextLeadership =
        "1. Tiếp tục quán triệt về vị trí, vai trò công tác dân vận, trách nhiệm của cơ quan và từng cán bộ, " +
        "công chức, người hoạt động không chuyên trách đối với công tác dân vận. Triển khai phổ biến, tuyên " +
        "truyền, quán triệt nâng cao nhận thức của đội ngũ cán bộ, công chức, viên chức và người lao động về " +
        "nội dung các văn bản Chỉ thị, Nghị quyết của Đảng, chính sách, pháp luật của Nhà nước về công tác " +
        "Dân vận chính quyền, Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về việc tiếp tục " +
        "tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong " +
        "tình hình mới.";

    /// <summary>Seed 004, II.4.</summary>
    public const string TraTanNextReform =
        "4. Tiếp tục tổ chức triển khai Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành chương " +
        "trình tổng thể cải cách hành chính (CCHC) nhà nước giai đoạn 2021 – 2030;";

    /// <summary>Seed 004, I.3 (no citation: "03 chương trình mục tiêu quốc gia").</summary>
    public const string TraTanEconomy =
        "Ủy ban nhân dân xã đã tích cực triển khai thực hiện nghị quyết của Đảng ủy, HĐND xã về các nhiệm vụ, " +
        "giải pháp phát triển KTXH năm 2025 phù hợp và thích ứng với điều kiện của địa phương. Đặc biệt tập " +
        "trung tổ chức thực hiện các chương trình, kế hoạch, đẩy mạnh phát triển kinh tế - xã hội. Đã tổ chức " +
        "Hội nghị triển khai nhiệm vụ kinh tế - xã hội – QPAN để quán triệt giao nhiệm nhiệm cho các ban " +
        "ngành tổ chức thực hiện. Tập trung chỉ đạo thực hiện 03 chương trình mục tiêu quốc gia.";

    /// <summary>Seed 004, I.3 (no citation: "ngày thầy thuốc Việt Nam 27/2").</summary>
    public const string TraTanCulture =
        "Về lĩnh vực văn hoá, giáo dục và an sinh xã hội: Phối hợp với Trạm Y tế tổ chức kỷ niệm ngày thầy " +
        "thuốc Việt Nam 27/2; vận động nhân dân xây dựng nếp sống văn minh; giữ gìn truyền thống văn hoá, " +
        "phòng chống và bài trừ các tệ nạn xã hội; tích cực thực hiện xã hội hoá giáo dục, khuyến khích và " +
        "trợ giúp các hoạt động khuyến học và khuyến tài. Vận động nhân dân bảo tồn và phát huy các giá trị " +
        "truyền thống văn hoá, phong tục tập quán tốt đẹp ở địa phương. Công tác Thông tin - Truyền thông " +
        "tuyên truyền kịp thời, chính xác các chủ trương đường lối của Đảng, chính sách pháp luật của nhà " +
        "nước, các vấn đề thời sự trong tỉnh, huyện và xã.";
}
