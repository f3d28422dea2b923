using System.Globalization;
using DanVan.Core.Periods;

namespace DanVan.Core.Demo;

/// <summary>
/// What units write in each section: each countable activity in several wordings, word orders and measures (the
/// list for extraction rules is in the generator's report), difficulties, causes, tasks and proposals.
/// </summary>
internal sealed partial class SyntheticText
{
    private static readonly Dictionary<string, string[]> Stock = new(StringComparer.Ordinal)
    {
        ["intro"] = ["Thực hiện kế hoạch của Ủy ban nhân dân tỉnh về công tác dân vận chính quyền, đơn vị báo cáo kết quả thực hiện như sau:"],
        ["I"] = ["Trong kỳ, đơn vị tiếp tục quán triệt, triển khai thực hiện nghiêm túc các văn bản chỉ đạo của cấp trên về công tác dân vận chính quyền."],
        ["I.1"] = ["Lãnh đạo đơn vị thường xuyên quan tâm chỉ đạo, phân công nhiệm vụ cụ thể cho từng bộ phận, cán bộ, công chức.", "Ban hành kế hoạch thực hiện công tác dân vận chính quyền phù hợp với tình hình thực tế của đơn vị."],
        ["I.2"] = ["Tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến toàn thể cán bộ, công chức, viên chức và người lao động.", "Đa dạng hóa hình thức tuyên truyền trên hệ thống truyền thanh, trang thông tin điện tử và mạng xã hội."],
        ["I.3"] = ["Tiếp tục đẩy mạnh phong trào thi đua \"Dân vận khéo\", đăng ký xây dựng mô hình gắn với nhiệm vụ chính trị của đơn vị.", "Kịp thời biểu dương, khen thưởng tập thể, cá nhân điển hình trong phong trào thi đua \"Dân vận khéo\"."],
        ["I.4"] = ["Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030.", "Niêm yết công khai đầy đủ thủ tục hành chính tại bộ phận tiếp nhận và trả kết quả."],
        ["I.5"] = ["Cán bộ, công chức chấp hành nghiêm kỷ luật, kỷ cương hành chính, thực hiện văn hóa công vụ, không để xảy ra vi phạm.", "Tăng cường kiểm tra việc thực hiện nội quy, quy chế làm việc và đạo đức công vụ."],
        ["I.6"] = ["Duy trì tiếp công dân định kỳ và đột xuất theo quy định của Luật Tiếp công dân.", "Các đơn thư được phân loại, xử lý kịp thời, đúng thẩm quyền, không để tồn đọng, kéo dài."],
        ["I.7"] = ["Phối hợp chặt chẽ với Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội trong tuyên truyền, vận động Nhân dân."],
        ["I.8"] = ["Thực hiện tốt Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, công khai các nội dung để Nhân dân biết, bàn, làm, kiểm tra, giám sát."],
        ["II"] = ["Nhìn chung, công tác dân vận chính quyền được quan tâm chỉ đạo, đạt nhiều kết quả tích cực.", "Tuy nhiên, một số nội dung triển khai còn chậm; công tác tuyên truyền có lúc chưa thường xuyên.", "Nguyên nhân chủ yếu do khối lượng công việc lớn, biên chế còn thiếu."],
        ["III"] = ["Tiếp tục quán triệt, thực hiện có hiệu quả Chỉ thị số 33/CT-TTg và các văn bản chỉ đạo của cấp trên.", "Đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp.", "Duy trì và nhân rộng các mô hình \"Dân vận khéo\" có hiệu quả."],
        ["closing"] = ["Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền của đơn vị./."],
    };

    /// <summary>"Dân vận khéo" models communes name (real ones, common across provinces).</summary>
    public static readonly string[] CommuneModels =
    [
        "Camera an ninh", "Ngày Chủ nhật xanh", "Thắp sáng đường quê", "Tuyến đường hoa", "Tổ tự quản an ninh trật tự", "Hũ gạo tình thương",
        "Phân loại rác thải tại nguồn", "Zalo kết nối Nhân dân", "Hiến đất làm đường giao thông nông thôn", "Khu dân cư không có tội phạm",
        "Nuôi heo đất giúp học sinh nghèo", "Đổi rác lấy quà", "Mái ấm tình thương", "Tiếng kẻng an ninh", "Góp đá xây cầu",
        "Chi hội phụ nữ không có người vi phạm pháp luật", "Dòng họ khuyến học", "Vườn cây dinh dưỡng",
    ];

    /// <summary>Models departments, boards and centres name.</summary>
    public static readonly string[] OfficeModels =
    [
        "Phục vụ người dân và doanh nghiệp hài lòng", "Tiếp nhận hồ sơ trực tuyến tại nhà", "Đồng hành cùng doanh nghiệp",
        "Mỗi cán bộ, công chức một sáng kiến", "Nói không với phong bì", "Cà phê doanh nghiệp", "Công sở xanh - sạch - đẹp",
        "Một ngày làm việc không giấy tờ", "Thứ Năm lắng nghe", "Hỗ trợ người dân nộp hồ sơ trực tuyến",
    ];

    private static readonly string[] Fields =
    [
        "xây dựng nông thôn mới", "cải cách hành chính", "bảo đảm an ninh, trật tự", "bảo vệ môi trường", "an sinh xã hội", "chuyển đổi số",
        "phát triển kinh tế",
    ];

    /// <summary>Wording slots: each keeps the unit's favourite wording of one thing apart from the others.</summary>
    private enum Slot
    {
        Intro = 1, IntroCite, Results, Documents, PlanCited, Propaganda, News, Training, Models, ModelsNone, ModelsTotal, Maintained,
        Contribution, OfficeFund, FirstTime, Dossiers, Rate, Inspections, Reception, Petitions, NoPetitions, Dialogues, NoDialogues,
        Supervision, Strength, DifficultyLead, Causes, TasksLead, Proposals, Closing,
    }

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLower(s[0], CultureInfo.InvariantCulture) + s[1..];

    private static string Cap(string s) => Pen.Cap(s);

    /// <summary>"xã An Bình" for a commune; the province for an office.</summary>
    private static string Local(Pen p) => p.Commune ? p.W.LocalWord + " " + p.W.Place : p.W.ProvinceLevel + " " + p.W.Province;

    private static void Intro(Pen p, PlanRef plan)
    {
        var issuer = p.Chance(0.5) ? plan.Issuer : plan.Issuer.Replace("Ủy ban nhân dân", "UBND", StringComparison.Ordinal);
        var cite = p.Choose((int)Slot.IntroCite, 4) switch
        {
            0 => $"Kế hoạch số {plan.Number} ngày {p.Date(plan.IssuedOn)} của {issuer} về {Lower(plan.Summary)}",
            1 => $"Kế hoạch số {plan.Number} ngày {p.Date(plan.IssuedOn)} của {issuer}",
            2 => $"Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ và Kế hoạch số {plan.Number} của {issuer}",
            _ => $"kế hoạch của {issuer} về công tác dân vận chính quyền",
        };
        var name = p.W.Name;
        var period = p.PeriodName();
        p.Own(p.Choose((int)Slot.Intro, 4, terse: 3) switch
        {
            0 => $"Thực hiện {cite}; {name} báo cáo kết quả thực hiện công tác dân vận chính quyền {period} như sau:",
            1 => $"Căn cứ {cite}, {name} báo cáo kết quả công tác dân vận chính quyền {period}, cụ thể như sau:",
            2 => $"Thực hiện {cite}. {name} báo cáo kết quả thực hiện công tác dân vận chính quyền {period} và phương hướng, nhiệm vụ {p.Next} như sau:",
            _ => $"{name} báo cáo kết quả thực hiện công tác dân vận chính quyền {period} như sau:",
        });
    }

    private static void Results(Pen p)
    {
        if (p.Chance(p.Verbose ? 0.6 : p.Terse ? 0 : 0.2))
        {
            p.Own(p.Commune
                ? $"{p.WhenCap}, tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn {Local(p)} cơ bản ổn định; Nhân dân tin tưởng vào sự lãnh đạo của Đảng, sự quản lý, điều hành của chính quyền."
                : $"{p.WhenCap}, {p.Self} tiếp tục thực hiện tốt nhiệm vụ chính trị được giao; tư tưởng của cán bộ, công chức, viên chức và người lao động ổn định, yên tâm công tác.");
        }
    }

    private static void Leadership(Pen p)
    {
        if (p.Chance(p.Verbose ? 0.3 : 0.1))
        {
            var year = p.Period.Year;
            var issued = new DateOnly(year, 1, 1).AddDays(p.Rng.Next(8, 70));
            var symbol = p.Commune ? "UBND" : Initials(p.W.Name);
            p.Own($"{p.SelfCap} đã ban hành Kế hoạch số {p.Num(p.Rng.Next(5, 120))}/KH-{symbol} ngày {p.Date(issued)} về thực hiện công tác dân vận chính quyền năm {year.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!p.Chance(p.Terse ? 0.7 : 0.85))
        {
            return;
        }

        var n = p.F.Documents;
        var plans = n >= 2 ? 1 + p.Rng.Next(n - 1) : 0;
        p.Stated(p.Choose((int)Slot.Documents, 6, terse: 5) switch
        {
            0 => $"{p.WhenCap}, {p.Self} đã ban hành {p.N(n, Fact.DocumentsIssued)} văn bản chỉ đạo, hướng dẫn về công tác dân vận chính quyền.",
            1 => $"Ban hành {p.N(n, Fact.DocumentsIssued)} văn bản chỉ đạo, triển khai thực hiện công tác dân vận.",
            2 when n >= 2 => $"{p.SelfCap} đã ban hành {p.N(plans, Fact.DocumentsIssued)} kế hoạch và {p.N(n - plans, Fact.DocumentsIssued)} công văn chỉ đạo, đôn đốc triển khai công tác dân vận chính quyền.",
            3 => $"Tổng số văn bản chỉ đạo, điều hành về công tác dân vận đã ban hành {p.When}: {p.N(n, Fact.DocumentsIssued)} văn bản.",
            4 => $"{p.N(n, Fact.DocumentsIssued)} văn bản chỉ đạo về công tác dân vận chính quyền đã được {p.Self} ban hành {p.When}.",
            _ => $"Ban hành {p.N(n, Fact.DocumentsIssued)} văn bản chỉ đạo.",
        });
    }

    /// <summary>A document symbol's unit part: "Sở Tài chính" → "STC", "Ban Quản lý dự án…" → "BQL".</summary>
    private static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3).Select(w => StripDiacritics(w[..1], 0, 1).ToUpperInvariant()));

    private static void Propaganda(Pen p)
    {
        var (s, n) = (p.F.PropagandaSessions, p.F.PropagandaParticipants);
        if (p.F.Highlight == Highlight.Large || p.Chance(0.8))
        {
            p.Stated(p.Choose((int)Slot.Propaganda, 6, terse: 5) switch
            {
                0 => $"{p.WhenCap}, {p.Self} đã tổ chức {p.N(s, Fact.PropagandaSessions)} hội nghị tuyên truyền, quán triệt với {p.N(n, Fact.PropagandaParticipants)} lượt {p.Audience} tham dự.",
                1 => $"Tổ chức {p.N(s, Fact.PropagandaSessions)} buổi tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg cho {p.N(n, Fact.PropagandaParticipants)} lượt {p.Audience}.",
                2 => p.Commune
                    ? $"Phối hợp tổ chức được {p.N(s, Fact.PropagandaSessions)} buổi tuyên truyền lưu động tại các thôn, tổ dân phố, thu hút khoảng {p.N(n, Fact.PropagandaParticipants)} lượt người tham gia."
                    : $"Lồng ghép tuyên truyền trong {p.N(s, Fact.PropagandaSessions)} cuộc họp giao ban, sinh hoạt chi bộ, công đoàn với {p.N(n, Fact.PropagandaParticipants)} lượt {p.Audience} tham dự.",
                3 => $"Với {p.N(n, Fact.PropagandaParticipants)} lượt {p.Audience} tham dự, {p.N(s, Fact.PropagandaSessions)} hội nghị quán triệt, tuyên truyền về công tác dân vận chính quyền đã được tổ chức {p.When}.",
                4 => p.Commune
                    ? $"Lồng ghép tuyên truyền trong {p.N(s, Fact.PropagandaSessions)} cuộc họp thôn, tổ dân phố với hơn {p.N(n, Fact.PropagandaParticipants)} lượt người dân tham dự."
                    : $"Tổ chức {p.N(s, Fact.PropagandaSessions)} đợt tuyên truyền cho {p.N(n, Fact.PropagandaParticipants)} lượt {p.Audience}.",
                _ => $"Tuyên truyền: {p.N(s, Fact.PropagandaSessions)} buổi, {p.N(n, Fact.PropagandaParticipants)} lượt người nghe.",
            });
        }

        if (p.Chance(p.Verbose ? 0.6 : p.Terse ? 0.15 : 0.35))
        {
            var news = p.F.News;
            p.Stated(p.Choose((int)Slot.News, 3) switch
            {
                0 => $"Đăng tải {p.N(news, Fact.NewsItems)} tin, bài trên trang thông tin điện tử của {p.Self}.",
                1 when p.Commune => $"Hệ thống truyền thanh {p.W.LocalWord} phát {p.N(news, Fact.NewsItems)} lượt tin, bài tuyên truyền về các chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
                _ => $"Đã đưa {p.N(news, Fact.NewsItems)} tin, bài lên trang thông tin điện tử và nhóm Zalo của {p.Self}.",
            });
        }

        if (p.Chance(p.Verbose ? 0.35 : 0.2))
        {
            var (classes, learners) = (p.F.TrainingClasses, p.F.TrainingLearners);
            p.Stated(p.Choose((int)Slot.Training, 4, terse: 2) switch
            {
                0 => $"Tổ chức {p.N(classes, Fact.TrainingClasses)} lớp tập huấn nghiệp vụ công tác dân vận cho {p.N(learners, Fact.TrainingLearners)} lượt học viên.",
                1 => $"Phối hợp mở {p.N(classes, Fact.TrainingClasses)} lớp bồi dưỡng kỹ năng dân vận, có {p.N(learners, Fact.TrainingLearners)} lượt cán bộ, công chức tham gia.",
                2 => $"Tập huấn: {p.N(classes, Fact.TrainingClasses)} lớp, {p.N(learners, Fact.TrainingLearners)} lượt học viên.",
                _ => $"Cử {p.N(Math.Max(2, learners / 10), Fact.TrainingAttendees)} lượt cán bộ, công chức tham gia lớp tập huấn, bồi dưỡng về công tác dân vận do tỉnh tổ chức.",
            });
        }
    }

    /// <summary>I.3: the "Dân vận khéo" models registered (a plan figure), those kept up, contributions, a first.</summary>
    private static void SkilfulMass(Pen p)
    {
        var n = p.F.Models;
        if (n > 0)
        {
            var names = Enumerable.Range(0, n).Select(i => Model(p, i)).ToList();
            var list = string.Join(p.Chance(0.5) ? "; " : ", ", names);
            p.Stated(p.Choose((int)Slot.Models, 6, terse: 5) switch
            {
                0 => $"{p.WhenCap}, {p.Self} đăng ký {p.N(n, Fact.ModelsRegistered)} mô hình {p.Dvk}, gồm: {list}.",
                1 => $"Đăng ký xây dựng {p.N(n, Fact.ModelsRegistered)} mô hình {p.Dvk} trên lĩnh vực {p.Pick(Fields)}, trong đó có {names[0]}.",
                2 => $"Có {p.N(n, Fact.ModelsRegistered)} mô hình {p.Dvk} mới được đăng ký ({list}).",
                3 when n >= 2 => $"{Cap(list)} là {p.N(n, Fact.ModelsRegistered)} mô hình {p.Dvk} được {p.Self} đăng ký {p.When}.",
                4 => $"Xây dựng mới {p.N(n, Fact.ModelsRegistered)} mô hình dân vận khéo: {list}.",
                _ => $"Số mô hình {p.Dvk} đăng ký mới: {p.N(n, Fact.ModelsRegistered)} ({list}).",
            });
        }
        else if (p.Chance(0.5))
        {
            p.Zero(Fact.ModelsRegistered);
            p.Own(p.Choose((int)Slot.ModelsNone, 2) == 0
                ? $"{p.WhenCap}, {p.Self} chưa đăng ký thêm mô hình {p.Dvk} mới."
                : $"Không có mô hình {p.Dvk} mới đăng ký {p.When}.");
        }

        var total = p.W.ModelsSoFar;
        if (total > 0 && p.Chance(p.Verbose ? 0.4 : p.Terse ? 0 : 0.15))
        {
            p.Stated(n > 0 && p.Choose((int)Slot.ModelsTotal, 2) == 0
                ? $"Nâng tổng số mô hình {p.Dvk} của {p.Self} lên {p.N(total, Fact.ModelsInTotal)} mô hình."
                : $"Lũy kế đến nay, {p.Self} có {p.N(total, Fact.ModelsInTotal)} mô hình {p.Dvk} đang được duy trì.");
        }

        if (p.Chance(p.Terse ? 0.1 : 0.3))
        {
            var own = p.Q(p.W.OwnModels[p.Rng.Next(p.W.OwnModels.Length)]);
            p.Own(p.Choose((int)Slot.Maintained, 2) == 0
                ? $"Tiếp tục duy trì hiệu quả mô hình {own}{(p.Commune ? " tại " + p.W.Villages[0] : "")}, {(p.Commune ? "được Nhân dân đồng tình hưởng ứng" : "góp phần nâng cao chất lượng phục vụ người dân, doanh nghiệp")}."
                : $"Mô hình {own} tiếp tục phát huy hiệu quả.");
        }

        if (p.Commune && (p.F.Highlight == Highlight.Large || p.Chance(0.35)))
        {
            var (area, village) = (p.F.LandSquareMetres, p.F.Village);
            var wording = p.Choose((int)Slot.Contribution, 5);
            p.MoneyStated = wording >= 2;
            p.Stated(wording switch
            {
                0 => $"Vận động Nhân dân hiến {p.Area(area)} đất làm đường giao thông nông thôn tại {village}.",
                1 => $"Nhân dân {village} tự nguyện hiến {p.Area(area)} đất, đóng góp {p.N(p.F.WorkDays, Fact.WorkDays)} ngày công để mở rộng, bê tông hóa đường thôn.",
                2 => $"Đã vận động {p.N(p.F.LandHouseholds, Fact.LandDonorHouseholds)} hộ dân hiến {p.Area(area)} đất và ủng hộ {p.Money(p.F.MoneyMillion)} xây dựng các công trình phúc lợi.",
                3 => $"Vận động xã hội hóa được {p.Money(p.F.MoneyMillion)} để sửa chữa nhà văn hóa {village}.",
                _ => $"Kết quả vận động: hiến {p.Area(area)} đất, ủng hộ {p.Money(p.F.MoneyMillion)}.",
            });
        }

        if (p.F.Highlight == Highlight.FirstTime && p.F.Day.Day % 2 == 0)
        {
            var what = p.Commune ? p.Pick([$"Ngày hội {p.Dvk}", $"Hội thi {p.Dvk}", "Phiên chợ không dùng tiền mặt"]) : p.Pick([$"Hội thi {p.Dvk}", $"chương trình {p.Q("Cà phê doanh nghiệp")}"]);
            p.Stated(p.Choose((int)Slot.FirstTime, 2) == 0
                ? $"Lần đầu tiên, {p.Self} tổ chức {what} với sự tham gia của {p.N(p.F.EventParticipants, Fact.EventParticipants)} lượt người."
                : $"Đặc biệt, {p.Self} đã lần đầu tiên tổ chức {what}, thu hút {p.N(p.F.EventParticipants, Fact.EventParticipants)} lượt người tham gia.");
        }
    }

    /// <summary>One model registered this period: "mô hình "Camera an ninh" tại thôn An Lợi".</summary>
    private static string Model(Pen p, int i)
    {
        var village = p.W.Villages[(i + p.F.Day.Day) % p.W.Villages.Length];
        if (p.Commune && p.Chance(0.2))
        {
            return $"mô hình {p.Dvk} trong {p.Pick(Fields)} tại {village}";
        }

        var name = p.Q(p.Pick(p.Commune ? CommuneModels : OfficeModels));
        return p.Commune && p.Chance(0.7) ? $"mô hình {name} tại {village}" : $"mô hình {name}";
    }

    private static void Reform(Pen p)
    {
        var rate = p.F.OnTimeRate;
        if (p.Chance(p.Terse ? 0.35 : 0.55))
        {
            var (received, online) = (p.F.Dossiers, (int)Math.Round(p.F.Dossiers * p.F.OnlineRate / 100));
            if (p.Chance(0.3))
            {
                p.Stated($"Tiếp nhận {p.N(received, Fact.DossiersReceived)} hồ sơ, tỷ lệ giải quyết đúng hạn đạt {p.Percent(rate, Fact.OnTimeRatePercent)}.");
                return;
            }

            p.Stated(p.Choose((int)Slot.Dossiers, 3) switch
            {
                0 => $"Bộ phận Một cửa tiếp nhận {p.N(received, Fact.DossiersReceived)} hồ sơ thủ tục hành chính, trong đó {p.N(online, Fact.DossiersOnline)} hồ sơ trực tuyến.",
                1 => $"Tổng số hồ sơ tiếp nhận: {p.N(received, Fact.DossiersReceived)} hồ sơ (trực tuyến {p.N(online, Fact.DossiersOnline)} hồ sơ, đạt {p.Percent(p.F.OnlineRate, Fact.OnlineRatePercent)}).",
                _ => $"{p.WhenCap}, {p.Self} đã tiếp nhận {p.N(received, Fact.DossiersReceived)} hồ sơ thủ tục hành chính.",
            });
        }

        p.Stated(p.Choose((int)Slot.Rate, 5, terse: 4) switch
        {
            0 => $"Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt {p.Percent(rate, Fact.OnTimeRatePercent)}.",
            1 => $"Kết quả giải quyết hồ sơ đúng và trước hạn đạt tỷ lệ {p.Percent(rate, Fact.OnTimeRatePercent)}.",
            2 => $"{p.Percent(rate, Fact.OnTimeRatePercent)} hồ sơ thủ tục hành chính được giải quyết đúng hạn{(rate == 100 ? ", không có hồ sơ trễ hạn" : "")}.",
            3 => rate == 100
                ? $"Hồ sơ được giải quyết đúng hạn đạt {p.Percent(rate, Fact.OnTimeRatePercent)}, không có hồ sơ trễ hạn."
                : $"Hồ sơ được giải quyết đúng hạn đạt {p.Percent(rate, Fact.OnTimeRatePercent)}; một số hồ sơ trễ hạn do phải xác minh, bổ sung thành phần hồ sơ.",
            _ => $"Tỷ lệ giải quyết đúng hạn: {p.Percent(rate, Fact.OnTimeRatePercent)}.",
        });
    }

    private static void Discipline(Pen p)
    {
        if (p.Chance(0.35))
        {
            var k = p.F.Inspections;
            p.Stated(p.Choose((int)Slot.Inspections, 3, terse: 2) switch
            {
                0 => $"{p.WhenCap}, {p.Self} tổ chức {p.N(k, Fact.Inspections)} cuộc kiểm tra công vụ, qua kiểm tra chưa phát hiện trường hợp vi phạm.",
                1 => $"Kiểm tra đột xuất {p.N(k, Fact.Inspections)} lượt việc chấp hành giờ giấc làm việc, nội quy cơ quan.",
                _ => $"Kiểm tra công vụ: {p.N(k, Fact.Inspections)} cuộc.",
            });
        }
        else if (p.Chance(0.5))
        {
            p.Own(p.Chance(0.5)
                ? $"{p.WhenCap}, không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính."
                : "100% cán bộ, công chức chấp hành tốt nội quy, quy chế làm việc của cơ quan.");
        }
    }

    /// <summary>I.6: citizen reception and petitions, four of the plan's figures.</summary>
    private static void Reception(Pen p)
    {
        var (s, c, n, r) = (p.F.Sessions, p.F.Citizens, p.F.Petitions, p.F.Resolved);
        if (p.Terse && n > 0 && r > 0 && p.Chance(0.4))
        {
            p.Stated($"Tiếp công dân: {p.N(s, Fact.ReceptionSessions)} buổi, {p.N(c, Fact.CitizensReceived)} lượt; đơn thư: tiếp nhận {p.N(n, Fact.PetitionsReceived)}, đã giải quyết {p.N(r, Fact.PetitionsResolved)}.");
            return;
        }

        var self = p.Self;
        var lead = self == "chúng tôi" ? "đơn vị" : self;
        p.Stated(p.Choose((int)Slot.Reception, 7, terse: 6) switch
        {
            0 => $"Tổ chức {p.N(s, Fact.ReceptionSessions)} buổi tiếp công dân định kỳ, tiếp {p.N(c, Fact.CitizensReceived)} lượt công dân.",
            1 => $"{p.WhenCap} đã tiếp {p.N(c, Fact.CitizensReceived)} lượt công dân tại {p.N(s, Fact.ReceptionSessions)} buổi tiếp công dân.",
            2 => $"Công tác tiếp công dân: tổ chức {p.N(s, Fact.ReceptionSessions)} buổi tiếp, với {p.N(c, Fact.CitizensReceived)} lượt công dân.",
            3 => $"Lãnh đạo {lead} tiếp công dân định kỳ {p.N(s, Fact.ReceptionSessions)} buổi, tiếp {p.N(c, Fact.CitizensReceived)} lượt công dân đến phản ánh, kiến nghị.",
            4 => $"{p.SelfCap} đã tiếp {p.N(c, Fact.CitizensReceived)} lượt người đến kiến nghị, phản ánh trong {p.N(s, Fact.ReceptionSessions)} buổi tiếp công dân định kỳ và đột xuất.",
            5 => $"Số buổi tiếp công dân: {p.N(s, Fact.ReceptionSessions)}; số lượt công dân được tiếp: {p.N(c, Fact.CitizensReceived)}.",
            _ => $"Tiếp công dân: {p.N(s, Fact.ReceptionSessions)} buổi/{p.N(c, Fact.CitizensReceived)} lượt.",
        });
        if (s >= 2 && p.Verbose && p.Chance(0.3))
        {
            var regular = 1 + p.Rng.Next(s - 1);
            p.Own($"Trong đó, tiếp định kỳ {p.Num(regular)} buổi, tiếp đột xuất {p.Num(s - regular)} buổi.");
        }

        if (n == 0)
        {
            if (p.Chance(0.75))
            {
                p.Zero(Fact.PetitionsReceived);
                p.Zero(Fact.PetitionsResolved);
                p.Own(p.Choose((int)Slot.NoPetitions, 3, terse: 2) switch
                {
                    0 => $"{p.WhenCap}, không phát sinh đơn thư khiếu nại, tố cáo.",
                    1 => $"{p.WhenCap}, {p.Self} không tiếp nhận đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh nào.",
                    _ => "Đơn thư: không có.",
                });
            }
        }
        else if (r == 0)
        {
            p.Zero(Fact.PetitionsResolved);
            p.Stated($"Tiếp nhận {p.N(n, Fact.PetitionsReceived)} đơn, hiện đang xem xét, giải quyết theo quy định.");
        }
        else
        {
            p.Stated(p.Choose((int)Slot.Petitions, 7, terse: 6) switch
            {
                0 => $"Tiếp nhận {p.N(n, Fact.PetitionsReceived)} đơn khiếu nại, tố cáo, kiến nghị, phản ánh; đã giải quyết {p.N(r, Fact.PetitionsResolved)} đơn.",
                1 => $"Tiếp nhận {p.N(n, Fact.PetitionsReceived)} đơn thư, đã giải quyết {p.N(r, Fact.PetitionsResolved)} đơn{(r < n ? $", còn {p.N(n - r, Fact.PetitionsPending)} đơn đang xem xét" : "")}.",
                2 => $"{p.WhenCap}, {p.Self} nhận được {p.N(n, Fact.PetitionsReceived)} đơn{Kinds(p, n)}; đã giải quyết xong {p.N(r, Fact.PetitionsResolved, fraction: true)}/{p.Num(n, fraction: true)} đơn.",
                3 => $"Đã giải quyết {p.N(r, Fact.PetitionsResolved, fraction: true)}/{p.N(n, Fact.PetitionsReceived, fraction: true)} đơn thư, đạt {Share(p, r, n)}.",
                4 => $"Số đơn thư tiếp nhận: {p.N(n, Fact.PetitionsReceived)} đơn; đã giải quyết: {p.N(r, Fact.PetitionsResolved)} đơn.",
                5 => $"Đã giải quyết {p.N(r, Fact.PetitionsResolved)} trong tổng số {p.N(n, Fact.PetitionsReceived)} đơn khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận {p.When}.",
                _ => $"Đơn thư: tiếp nhận {p.N(n, Fact.PetitionsReceived)}, giải quyết {p.N(r, Fact.PetitionsResolved)}.",
            });
        }

        if (p.F.Highlight == Highlight.Dispute)
        {
            p.Own(p.Commune
                ? $"Đặc biệt, {p.Self} đã phối hợp giải quyết dứt điểm vụ tranh chấp đất đai kéo dài {p.Num(p.F.DisputeYears)} năm tại {p.F.Village}."
                : $"Đặc biệt, đã giải quyết dứt điểm vụ khiếu nại kéo dài {p.Num(p.F.DisputeYears)} năm liên quan đến bồi thường, giải phóng mặt bằng.");
        }
    }

    /// <summary>" (gồm 02 đơn khiếu nại và 03 đơn kiến nghị, phản ánh)": a breakdown of the petitions, or nothing.</summary>
    private static string Kinds(Pen p, int n)
    {
        var complaints = p.Rng.Next(n + 1);
        var denunciations = p.Rng.Next(n - complaints + 1);
        var parts = new[] { (complaints, "đơn khiếu nại"), (denunciations, "đơn tố cáo"), (n - complaints - denunciations, "đơn kiến nghị, phản ánh") }
            .Where(x => x.Item1 > 0).Select(x => p.Num(x.Item1) + " " + x.Item2).ToList();
        return parts.Count < 2 ? "" : " (gồm " + string.Join(", ", parts.SkipLast(1)) + " và " + parts[^1] + ")";
    }

    /// <summary>A share the writer works out itself ("đạt 81,8%"): stated, but not a figure of its own.</summary>
    private static string Share(Pen p, int part, int whole)
    {
        var text = Math.Round(part * 100m / whole, 1).ToString("0.#", CultureInfo.InvariantCulture);
        return (p.Style.DecimalPoint ? text : text.Replace('.', ',')) + (p.Style.SpaceBeforePercent ? " %" : "%");
    }

    private static void Coordination(Pen p)
    {
        if (p.Chance(0.3))
        {
            var g = p.F.Supervisions;
            p.Stated(p.Choose((int)Slot.Supervision, 3, terse: 2) switch
            {
                0 => p.Commune
                    ? $"Phối hợp với Ủy ban MTTQ Việt Nam {p.W.LocalWord} tổ chức {p.N(g, Fact.Supervisions)} cuộc giám sát {p.Pick(["việc thực hiện chính sách an sinh xã hội", "việc giải quyết thủ tục hành chính", "việc thực hiện quy chế dân chủ ở cơ sở"])}."
                    : $"Tạo điều kiện để Công đoàn cơ quan thực hiện {p.N(g, Fact.Supervisions)} cuộc giám sát việc thực hiện chế độ, chính sách đối với người lao động.",
                1 => $"Tạo điều kiện để Mặt trận và các đoàn thể thực hiện {p.N(g, Fact.Supervisions)} cuộc giám sát, phản biện xã hội{(p.Verbose ? ", tiếp thu đầy đủ các ý kiến góp ý" : "")}.",
                _ => $"Giám sát, phản biện xã hội: {p.N(g, Fact.Supervisions)} cuộc.",
            });
        }

        if (!p.MoneyStated && p.Chance(p.Commune ? 0.2 : 0.1))
        {
            var fund = p.Pick(["Quỹ Vì người nghèo", "Quỹ Đền ơn đáp nghĩa", "Quỹ phòng, chống thiên tai"]);
            var money = p.Commune ? p.F.MoneyMillion : Math.Round(p.F.MoneyMillion / 5, 1);
            p.Stated(p.Choose((int)Slot.OfficeFund, 2) == 0
                ? $"Phối hợp vận động cán bộ, công chức và Nhân dân ủng hộ {fund} được {p.Money(money)}."
                : $"{fund}: vận động được {p.Money(money)}.");
        }
    }

    /// <summary>I.8: dialogues with the people (with businesses or staff for an office), and a first online one.</summary>
    private static void Democracy(Pen p)
    {
        var (d, people) = (p.F.Dialogues, p.F.DialogueParticipants);
        var with = p.Commune ? (p.Chance(0.2) ? "nhân dân" : "Nhân dân") : p.Pick(["doanh nghiệp", "viên chức, người lao động", "người dân và doanh nghiệp"]);
        if (d > 0)
        {
            p.Stated(p.Choose((int)Slot.Dialogues, 6, terse: 5) switch
            {
                0 => $"{p.WhenCap}, {p.Self} đã tổ chức {p.N(d, Fact.DialogueSessions)} buổi đối thoại với {with}, có {p.N(people, Fact.DialogueParticipants)} lượt người tham dự.",
                1 => $"Đã tổ chức {p.N(d, Fact.DialogueSessions)} hội nghị đối thoại trực tiếp giữa người đứng đầu {(p.Commune ? "cấp ủy, chính quyền" : "cơ quan")} với {with}, thu hút {p.N(people, Fact.DialogueParticipants)} lượt người tham gia.",
                2 => $"Đối thoại với {with}: {p.N(d, Fact.DialogueSessions)} cuộc, {p.N(people, Fact.DialogueParticipants)} lượt người.",
                3 => d == 1
                    ? $"Ngày {p.Date(p.F.Day)}, {p.Self} tổ chức {p.N(d, Fact.DialogueSessions)} hội nghị đối thoại với {with} tại {p.Where(p.F.Village)}."
                    : $"{p.WhenCap}, tổ chức {p.N(d, Fact.DialogueSessions)} hội nghị đối thoại với {with} tại {p.Where(p.F.Village)} và {p.Where(p.F.OtherVillage)}.",
                4 => $"Với sự tham gia của {p.N(people, Fact.DialogueParticipants)} lượt người, {p.N(d, Fact.DialogueSessions)} buổi đối thoại với {with} đã được tổ chức tại {p.Where(p.F.Village)}, qua đó giải đáp {p.N(p.F.DialogueOpinions, Fact.DialogueOpinions)} ý kiến, kiến nghị.",
                _ => $"Đối thoại: {p.N(d, Fact.DialogueSessions)} buổi.",
            });
        }
        else if (p.Chance(0.15))
        {
            p.Zero(Fact.DialogueSessions);
            p.Own(p.Choose((int)Slot.NoDialogues, 2) == 0
                ? $"{p.WhenCap}, {p.Self} chưa tổ chức đối thoại với {with}."
                : $"{p.WhenCap}, chưa phát sinh nội dung cần tổ chức đối thoại.");
        }

        if (p.F.Highlight == Highlight.FirstTime && p.F.Day.Day % 2 == 1)
        {
            p.Stated(p.Commune
                ? $"Lần đầu tiên, {p.Self} tổ chức hội nghị đối thoại trực tuyến giữa Chủ tịch UBND {p.W.LocalWord} với Nhân dân, thu hút {p.N(p.F.EventParticipants, Fact.EventParticipants)} lượt người theo dõi."
                : $"Lần đầu tiên, {p.Self} tổ chức đối thoại trực tuyến với {with}, có {p.N(p.F.EventParticipants, Fact.EventParticipants)} lượt người tham gia.");
        }
    }

    /// <summary>The difficulty kinds, each in several wordings (a clause, lower case); an office's variant where it differs.</summary>
    private static readonly (string[] Commune, string[] Office, string Cause, string? OfficeCause)[] Difficulty =
    [
        (["biên chế còn thiếu, một cán bộ phải đảm nhiệm nhiều việc", "đội ngũ cán bộ làm công tác dân vận còn kiêm nhiệm, chưa có nhiều thời gian đầu tư cho công tác này", "số lượng công chức ít trong khi khối lượng công việc lớn"],
            [], "khối lượng công việc lớn, biên chế còn thiếu", null),
        (["kinh phí dành cho công tác dân vận còn hạn hẹp", "nguồn kinh phí hỗ trợ xây dựng, duy trì các mô hình \"Dân vận khéo\" còn hạn chế", "chưa có nguồn kinh phí riêng để tổ chức các hoạt động tuyên truyền, đối thoại"],
            [], "nguồn ngân sách còn khó khăn", null),
        (["một bộ phận Nhân dân chưa tích cực tham gia các buổi tuyên truyền, họp thôn", "tỷ lệ người dân tham dự các hội nghị đối thoại còn thấp", "ý thức chấp hành pháp luật của một bộ phận người dân chưa cao"],
            ["một số viên chức, người lao động chưa thật sự quan tâm đến công tác dân vận", "việc tham gia các hoạt động phong trào của một bộ phận người lao động chưa thường xuyên"], "người dân còn bận làm ăn, một bộ phận đi làm ăn xa", "khối lượng công việc chuyên môn nhiều, ít thời gian tham gia các hoạt động phong trào"),
        (["tình hình tranh chấp đất đai, ranh giới vẫn còn xảy ra", "đơn thư liên quan đến đất đai, bồi thường, giải phóng mặt bằng còn phức tạp, kéo dài", "một số vụ việc khiếu nại về đất đai tồn đọng chưa được giải quyết dứt điểm"],
            ["công tác bồi thường, giải phóng mặt bằng một số dự án còn vướng mắc, người dân chưa đồng thuận"], "nguồn gốc đất phức tạp, hồ sơ địa chính qua nhiều thời kỳ chưa đầy đủ", "đơn giá bồi thường, hỗ trợ chưa sát với giá thị trường"),
        (["hạ tầng công nghệ thông tin, đường truyền internet còn yếu, thường xuyên gián đoạn", "trang thiết bị phục vụ chuyển đổi số tại Bộ phận Một cửa còn thiếu, xuống cấp", "sóng điện thoại, internet ở một số thôn vùng sâu, vùng xa chưa ổn định"],
            ["hạ tầng công nghệ thông tin, phần mềm dùng chung chưa đồng bộ, thường xuyên lỗi", "trang thiết bị tin học của cơ quan đã cũ, xuống cấp"], "hạ tầng viễn thông chưa được đầu tư đồng bộ", null),
        (["năng lực, kỹ năng vận động quần chúng của một bộ phận cán bộ còn hạn chế", "trình độ chuyên môn của đội ngũ cán bộ, công chức chưa đồng đều", "một số cán bộ chưa nhận thức đầy đủ vị trí, vai trò của công tác dân vận chính quyền"],
            [], "cán bộ chưa được tập huấn, bồi dưỡng thường xuyên về kỹ năng dân vận", null),
        (["địa bàn rộng, dân cư phân tán, giao thông đi lại khó khăn", "thời tiết mưa lũ kéo dài ảnh hưởng đến việc tổ chức các hoạt động tại cơ sở"],
            ["địa bàn quản lý rộng, các công trình, dự án phân tán", "thời tiết mưa lũ ảnh hưởng đến tiến độ triển khai nhiệm vụ"], "điều kiện địa lý, thời tiết không thuận lợi", null),
        (["hình thức tuyên truyền chưa đa dạng, chưa thu hút người nghe", "nội dung tuyên truyền có lúc còn chung chung, chưa sát với thực tế"],
            [], "chưa ứng dụng nhiều công nghệ thông tin trong tuyên truyền", null),
        (["một số mô hình \"Dân vận khéo\" chưa được nhân rộng, thiếu tính bền vững", "việc đăng ký, xây dựng mô hình \"Dân vận khéo\" có nơi còn mang tính hình thức"],
            [], "chưa có cơ chế hỗ trợ, khen thưởng kịp thời cho các mô hình", null),
        (["việc sắp xếp tổ chức bộ máy, vận hành chính quyền địa phương hai cấp bước đầu còn lúng túng", "một số cán bộ mới được điều động, bố trí chưa nắm chắc địa bàn"],
            ["việc sắp xếp, kiện toàn tổ chức bộ máy làm xáo trộn một số vị trí việc làm"], "thời gian vận hành bộ máy mới còn ngắn", null),
        (["tỷ lệ hồ sơ nộp trực tuyến toàn trình còn thấp, người dân chưa quen sử dụng dịch vụ công trực tuyến", "nhiều người dân, nhất là người cao tuổi, còn gặp khó khăn khi thực hiện thủ tục hành chính trên môi trường điện tử"],
            [], "trình độ sử dụng công nghệ của một bộ phận người dân còn hạn chế", null),
        (["sự phối hợp giữa chính quyền với Mặt trận và các đoàn thể có lúc chưa chặt chẽ, thường xuyên", "công tác phối hợp giữa các bộ phận chuyên môn trong giải quyết đơn thư có lúc chưa kịp thời"],
            ["sự phối hợp giữa các phòng, đơn vị trực thuộc có lúc chưa chặt chẽ"], "chưa xây dựng quy chế phối hợp cụ thể", null),
    ];

    public const int DifficultyKinds = 12;

    private const int Reorganisation = 9;

    private static readonly string[] Subjective =
    [
        "một số cán bộ chưa thật sự chủ động, sâu sát cơ sở", "công tác kiểm tra, đôn đốc có lúc chưa thường xuyên",
        "người đứng đầu một số bộ phận chưa quan tâm đúng mức đến công tác dân vận",
    ];

    private static void Assessment(Pen p)
    {
        var headed = p.Verbose && p.Style.ListMark == "1. ";
        if (headed)
        {
            p.Item("1. Ưu điểm");
        }

        // The unit states its own difficulties and causes: copied ones would come before its strengths.
        foreach (var line in p.TakePending().Where(l => !l.StartsWith("Tuy nhiên", StringComparison.Ordinal) && !l.StartsWith("Nguyên nhân", StringComparison.Ordinal)))
        {
            p.Copied(line);
        }

        if (p.Chance(p.Terse ? 0.2 : 0.4))
        {
            p.Own(p.Choose((int)Slot.Strength, 2) == 0
                ? $"Nhìn chung, công tác dân vận chính quyền {p.When} được {p.Self} quan tâm chỉ đạo, triển khai đồng bộ, đạt nhiều kết quả tích cực."
                : $"Công tác dân vận chính quyền của {p.Self} có chuyển biến tích cực, góp phần hoàn thành nhiệm vụ chính trị {p.When}.");
        }

        var kinds = Difficulties(p);
        var clauses = kinds.Select(k => p.Pick(p.Commune || Difficulty[k].Office.Length == 0 ? Difficulty[k].Commune : Difficulty[k].Office).Replace("\"Dân vận khéo\"", p.Dvk, StringComparison.Ordinal)).ToList();
        if (headed)
        {
            p.Item("2. Hạn chế, khó khăn");
            Items(p, clauses);
        }
        else
        {
            switch (p.Choose((int)Slot.DifficultyLead, 5))
            {
                case 0: p.Own($"Tuy nhiên, {string.Join("; ", clauses)}."); break;
                case 1: p.Own($"Bên cạnh những kết quả đạt được, vẫn còn một số hạn chế, khó khăn: {string.Join("; ", clauses)}."); break;
                case 2 when p.Style.ListMark.Length > 0:
                    p.Item("* Hạn chế, khó khăn:");
                    Items(p, clauses);
                    break;
                case 3: p.Own($"Hạn chế, khó khăn: {string.Join(", ", clauses)}."); break;
                default:
                    p.Own($"Khó khăn: {clauses[0]}.");
                    foreach (var clause in clauses.Skip(1))
                    {
                        p.Own(Cap(clause) + ".");
                    }

                    break;
            }
        }

        if (p.Style.WritesCauses && p.Chance(0.8))
        {
            var objective = p.Commune ? Difficulty[kinds[0]].Cause : Difficulty[kinds[0]].OfficeCause ?? Difficulty[kinds[0]].Cause;
            var subjective = p.Pick(Subjective);
            if (headed)
            {
                p.Item("3. Nguyên nhân");
            }

            switch (p.Choose((int)Slot.Causes, 3))
            {
                case 0: p.Own($"Nguyên nhân: {objective}; {subjective}."); break;
                case 1: p.Own($"Nguyên nhân chủ yếu là do {objective}."); break;
                default:
                    if (!headed)
                    {
                        p.Item("* Nguyên nhân:");
                    }

                    p.Item("- Khách quan: " + Cap(objective) + ".");
                    p.Item("- Chủ quan: " + Cap(subjective) + ".");
                    break;
            }
        }
    }

    /// <summary>The unit's usual difficulties (1–3 a period), now and then another; the reorganisation only after 7/2025.</summary>
    private static List<int> Difficulties(Pen p)
    {
        var usual = p.Style.Difficulties;
        var count = p.Terse ? 1 : 1 + p.Rng.Next(p.Verbose ? 3 : 2);
        var kinds = new List<int>(count);
        foreach (var kind in usual.Take(count).Select(k => p.Chance(0.2) ? p.Rng.Next(DifficultyKinds) : k))
        {
            var fits = kind != Reorganisation || p.Period.CalendarWindow().Start >= new DateOnly(2025, 7, 1);
            var k = fits ? kind : (kind + 1) % DifficultyKinds;
            if (!kinds.Contains(k))
            {
                kinds.Add(k);
            }
        }

        return kinds;
    }

    /// <summary>Clauses as list items in the unit's marking ("- …;", "+ …;", "1. …;"), the last ending with a full stop.</summary>
    private static void Items(Pen p, List<string> clauses)
    {
        for (var i = 0; i < clauses.Count; i++)
        {
            var end = i == clauses.Count - 1 ? "." : ";";
            var text = Cap(clauses[i].TrimEnd('.', ';')) + end;
            if (p.Style.ListMark.Length == 0)
            {
                p.Own(text);
            }
            else
            {
                p.Item((p.Style.ListMark == "1. " ? (i + 1).ToString(CultureInfo.InvariantCulture) + ". " : p.Style.ListMark) + text);
            }
        }
    }

    private enum TaskKind
    {
        Propaganda, Reform, Models, Reception, Dialogue, Discipline, Coordination, Democracy, Training, Digital, YearEnd, Reorganise,
    }

    private static string Task(Pen p, TaskKind kind)
    {
        var next = "trong " + p.Next;
        var year = p.Period.Year;
        return kind switch
        {
            TaskKind.Propaganda => p.Pick([
                "Tiếp tục tuyên truyền, quán triệt Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến cán bộ, công chức và Nhân dân.",
                $"Đẩy mạnh công tác tuyên truyền, nâng cao nhận thức về công tác dân vận chính quyền {next}.",
                "Tuyên truyền sâu rộng các chủ trương của Đảng, chính sách, pháp luật của Nhà nước bằng nhiều hình thức phù hợp."]),
            TaskKind.Reform => p.Pick([
                "Đẩy mạnh cải cách hành chính, nâng cao tỷ lệ hồ sơ giải quyết trực tuyến và đúng hạn.",
                "Tiếp tục thực hiện có hiệu quả Nghị quyết số 76/NQ-CP; nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
                $"Phấn đấu {next} tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%."]),
            TaskKind.Models => p.Pick([
                $"Duy trì và nhân rộng các mô hình {p.Dvk} có hiệu quả.",
                $"Đăng ký, xây dựng ít nhất {p.Num(1 + (p.W.Habit % 3))} mô hình {p.Dvk} mới {next}.",
                $"Tổng kết, đánh giá hiệu quả mô hình {p.Q(p.W.OwnModels[0])}, đề xuất nhân rộng."]),
            TaskKind.Reception => p.F.Petitions > p.F.Resolved && p.Chance(0.4)
                ? $"Tập trung giải quyết dứt điểm {p.Num(p.F.Petitions - p.F.Resolved)} đơn còn tồn, không để kéo dài."
                : p.Pick([
                    "Thực hiện tốt công tác tiếp công dân định kỳ và đột xuất; giải quyết dứt điểm đơn thư, không để tồn đọng, kéo dài.",
                    "Tổ chức tốt các buổi tiếp công dân, tập trung giải quyết đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh của công dân."]),
            TaskKind.Dialogue => p.Pick([
                $"Tổ chức đối thoại giữa người đứng đầu với {(p.Commune ? "Nhân dân" : "viên chức, người lao động")} theo quy định {next}.",
                "Duy trì đối thoại định kỳ, kịp thời nắm bắt tâm tư, nguyện vọng của Nhân dân."]),
            TaskKind.Discipline => p.Pick([
                "Tăng cường kỷ luật, kỷ cương hành chính; kiểm tra công vụ, xử lý nghiêm cán bộ, công chức vi phạm.",
                "Thực hiện nghiêm văn hóa công vụ, nâng cao tinh thần trách nhiệm phục vụ Nhân dân."]),
            TaskKind.Coordination => p.Pick([
                "Phối hợp chặt chẽ với Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội trong công tác vận động Nhân dân.",
                "Tạo điều kiện để Mặt trận và các đoàn thể tham gia giám sát, phản biện xã hội, góp ý xây dựng chính quyền."]),
            TaskKind.Democracy => "Thực hiện tốt Luật Thực hiện dân chủ ở cơ sở; công khai các nội dung để Nhân dân biết, bàn, làm, kiểm tra, giám sát.",
            TaskKind.Training => p.Pick([
                "Tổ chức tập huấn, bồi dưỡng kỹ năng công tác dân vận cho đội ngũ cán bộ, công chức.",
                $"Cử cán bộ tham gia đầy đủ các lớp tập huấn do cấp trên tổ chức {next}."]),
            TaskKind.Digital => p.Pick([
                "Đẩy mạnh chuyển đổi số, hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
                "Đẩy mạnh thanh toán trực tuyến, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính."]),
            TaskKind.YearEnd => p.Chance(0.5)
                ? $"Tổng kết công tác dân vận chính quyền năm {year.ToString(CultureInfo.InvariantCulture)}, xây dựng kế hoạch thực hiện năm {(year + 1).ToString(CultureInfo.InvariantCulture)}."
                : $"Xây dựng và ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm {(year + 1).ToString(CultureInfo.InvariantCulture)}.",
            _ => "Tiếp tục kiện toàn tổ chức bộ máy, bảo đảm chính quyền địa phương hai cấp vận hành thông suốt, hiệu quả.",
        };
    }

    private static void Tasks(Pen p, bool full)
    {
        var next = p.Next;
        if (p.Chance(p.Verbose ? 0.8 : p.Terse ? 0.3 : 0.6))
        {
            p.Item(p.Choose((int)Slot.TasksLead, 3) switch
            {
                0 => $"Phương hướng, nhiệm vụ {next}:",
                1 => $"Trong {next}, {p.Self} tập trung thực hiện một số nhiệm vụ trọng tâm sau:",
                _ => $"{Cap(next)}, {p.Self} tiếp tục thực hiện tốt các nhiệm vụ sau:",
            });
        }

        // Copied tasks first (last period's list), then the unit's own, each kind once.
        var tasks = p.TakePending();
        var kinds = new List<TaskKind>();
        var wanted = full ? (p.Terse ? 2 : p.Verbose ? 4 : 3) : 1;
        var (_, end) = p.Period.CalendarWindow();
        if (end.Month == 12 && p.Chance(0.6))
        {
            kinds.Add(TaskKind.YearEnd);
        }

        if (end >= new DateOnly(2025, 7, 1) && p.Chance(0.3))
        {
            kinds.Add(TaskKind.Reorganise);
        }

        var target = kinds.Count + wanted;
        for (var slot = 0; kinds.Count < target && slot < 12; slot++)
        {
            var kind = (TaskKind)(p.Choose(100 + slot, 10));
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        tasks.AddRange(kinds.Select(k => Task(p, k)));
        Items(p, tasks);
        if (full && p.Style.Proposes > 0 && p.Chance(p.Style.Proposes))
        {
            Proposals(p);
        }
    }

    /// <summary>The proposals that answer each difficulty kind (by index), and those any unit may make.</summary>
    private static readonly int[][] ProposalsFor = [[3], [0], [6], [7], [4], [1], [0], [1], [5, 6], [2], [4], [2]];

    private static void Proposals(Pen p)
    {
        var difficulties = p.Style.Difficulties;
        var kinds = new List<int> { p.Pick(ProposalsFor[difficulties[0]]) };
        if (!p.Terse && p.Chance(0.5))
        {
            var other = p.Chance(0.5) ? p.Pick(ProposalsFor[difficulties[1]]) : p.Rng.Next(8);
            if (!kinds.Contains(other))
            {
                kinds.Add(other);
            }
        }

        var level = p.W.ProvinceLevel;
        var form = p.Choose((int)Slot.Proposals, 4);
        var proposals = kinds.Select(k =>
        {
            var to = p.Pick([$"Ủy ban nhân dân {level}", $"UBND {level}", "Sở Nội vụ", $"Ban Dân vận {(level == "tỉnh" ? "Tỉnh" : "Thành")} ủy", "cấp trên", "các cơ quan có thẩm quyền"]);
            // Run into "Sở kiến nghị …", a proposal has no verb of its own.
            var ask = form == 3 ? "" : p.Pick(["Đề nghị", "Kiến nghị", "Đề xuất", "Kính đề nghị"]);
            return (k switch
            {
                0 => p.Chance(0.5) ? $"{ask} {to} quan tâm bố trí kinh phí cho công tác dân vận chính quyền." : $"{ask} {to} hỗ trợ kinh phí để duy trì, nhân rộng các mô hình {p.Dvk}.",
                1 => p.Chance(0.5)
                    ? $"{ask} Sở Nội vụ tổ chức tập huấn, bồi dưỡng nghiệp vụ công tác dân vận cho cán bộ, công chức {(p.Commune ? "cấp xã" : "các cơ quan, đơn vị")}."
                    : $"{ask} {to} mở các lớp tập huấn kỹ năng dân vận, kỹ năng đối thoại với Nhân dân.",
                2 => p.Chance(0.5)
                    ? $"{ask} Sở Nội vụ ban hành hướng dẫn thống nhất về nội dung, biểu mẫu báo cáo công tác dân vận chính quyền."
                    : $"{ask} {to} có văn bản hướng dẫn cụ thể tiêu chí đánh giá, công nhận mô hình {p.Dvk}.",
                3 => $"{ask} {to} xem xét bổ sung biên chế công chức làm công tác dân vận cho {(p.Commune ? p.W.LocalWord : "đơn vị")}.",
                4 => $"{ask} {to} đầu tư nâng cấp hạ tầng công nghệ thông tin, đường truyền internet cho Bộ phận Một cửa.",
                5 => $"{ask} {to} kịp thời khen thưởng các tập thể, cá nhân có thành tích tiêu biểu trong phong trào thi đua {p.Dvk}.",
                6 => $"{ask} {to} tổ chức hội nghị trao đổi kinh nghiệm xây dựng mô hình {p.Dvk} giữa các địa phương, đơn vị.",
                _ => $"{ask} các sở, ngành liên quan phối hợp giải quyết dứt điểm các vụ việc tranh chấp đất đai phức tạp, kéo dài trên địa bàn.",
            }).TrimStart();
        }).ToList();

        switch (form)
        {
            case 0: p.Item("* Kiến nghị, đề xuất:"); break;
            case 1: p.Item("Kiến nghị, đề xuất:"); break;
            case 2: p.Item("Đề xuất, kiến nghị:"); break;
            default:
                p.Own($"{p.SelfCap} kiến nghị {string.Join("; ", proposals.Select(x => x.TrimEnd('.')))}.");
                return;
        }

        Items(p, proposals);
    }

    private static void Closing(Pen p)
    {
        var period = p.PeriodName();
        p.Own(p.Choose((int)Slot.Closing, 5, terse: 4) switch
        {
            0 => $"Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền {period} của {p.W.Name}./.",
            1 => $"Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền {period} và phương hướng, nhiệm vụ {p.Next} của {p.Self}./.",
            2 => $"{p.W.Name} báo cáo kết quả thực hiện công tác dân vận {period} và phương hướng, nhiệm vụ {p.Next}, kính đề nghị Sở Nội vụ xem xét, tổng hợp./.",
            3 => $"Trên đây là báo cáo của {p.Self}, kính gửi Sở Nội vụ tổng hợp, báo cáo UBND {p.W.ProvinceLevel}./.",
            _ => $"Trên đây là báo cáo công tác dân vận chính quyền {period}./.",
        });
    }
}
