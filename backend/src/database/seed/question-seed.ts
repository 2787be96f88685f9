/**
 * Demo question bank of the ward: "Ngân hàng câu hỏi Chuyển đổi số", owned by the ward, with four categories (one
 * nested) and at least three questions of every type. Every question goes through normalizeQuestion, like the API.
 */
import type { EntityManager } from 'typeorm';
import { normalizeQuestion, type QuestionInput } from '../../modules/questions/question-data';
import { ensureCategoryPath, insertBank, insertQuestion } from '../../modules/questions/question-writer';

type Runner = Pick<EntityManager, 'query'>;

export const DEMO_BANK_NAME = 'Ngân hàng câu hỏi Chuyển đổi số';

/** Category paths (names, top-down) below the bank's root category "Mặc định". */
export const DEMO_CATEGORIES: Record<'resolution' | 'skills' | 'publicServices' | 'security' | 'communication', readonly string[]> = {
  resolution: ['Nghị quyết 57-NQ/TW'],
  skills: ['Kỹ năng số cơ bản'],
  publicServices: ['Kỹ năng số cơ bản', 'Dịch vụ công trực tuyến'],
  security: ['An toàn thông tin'],
  communication: ['Truyền thông số'],
};
export type DemoCategoryKey = keyof typeof DEMO_CATEGORIES;

const a = (text: string, fraction = 0, feedback = '') => ({ text, fraction, feedback });

export const DEMO_QUESTIONS: { category: DemoCategoryKey; q: QuestionInput }[] = [
  // ------------------------------------------------------------------ Nghị quyết 57-NQ/TW
  {
    category: 'resolution',
    q: {
      type: 'description', title: 'Giới thiệu Nghị quyết 57-NQ/TW',
      text: '<p>Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về <strong>đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia</strong>. Đọc kỹ đoạn giới thiệu trước khi trả lời các câu hỏi tiếp theo.</p>',
      tags: ['NQ57'], data: {},
    },
  },
  {
    category: 'resolution',
    q: {
      type: 'single_choice', title: 'Cơ quan ban hành Nghị quyết 57-NQ/TW',
      text: '<p>Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia do cơ quan nào ban hành?</p>',
      tags: ['NQ57'],
      data: {
        answers: [a('Bộ Chính trị', 1, 'Chính xác.'), a('Quốc hội', 0, 'Quốc hội ban hành luật và nghị quyết của Quốc hội.'), a('Chính phủ'), a('Ban Bí thư')],
        generalFeedback: '<p>Nghị quyết 57-NQ/TW do Bộ Chính trị ban hành ngày 22/12/2024.</p>',
      },
    },
  },
  {
    category: 'resolution',
    q: {
      type: 'single_choice', title: 'Thời điểm ban hành Nghị quyết 57',
      text: '<p>Nghị quyết 57-NQ/TW được ban hành vào ngày nào?</p>', tags: ['NQ57'],
      data: { answers: [a('22/12/2024', 1), a('10/10/2024'), a('01/7/2025'), a('03/02/2025')] },
    },
  },
  {
    category: 'resolution',
    q: {
      type: 'multiple_choice', title: 'Các trụ cột đột phá của Nghị quyết 57',
      text: '<p>Nghị quyết 57-NQ/TW xác định đột phá trong những lĩnh vực nào? (Chọn tất cả phương án đúng)</p>', tags: ['NQ57'],
      data: {
        answers: [
          a('Khoa học, công nghệ', 0.3333333), a('Đổi mới sáng tạo', 0.3333333), a('Chuyển đổi số quốc gia', 0.3333333),
          a('Xuất khẩu lao động', -1, 'Không thuộc phạm vi Nghị quyết 57-NQ/TW.'),
        ],
        generalFeedback: '<p>Ba lĩnh vực: khoa học, công nghệ; đổi mới sáng tạo; chuyển đổi số quốc gia.</p>',
      },
    },
  },
  {
    category: 'resolution',
    q: {
      type: 'true_false', title: 'Mục tiêu kinh tế số năm 2030',
      text: '<p>Nghị quyết 57-NQ/TW đặt mục tiêu đến năm 2030 quy mô kinh tế số đạt tối thiểu 30% GDP.</p>', tags: ['NQ57', 'mục tiêu'],
      data: { correctAnswer: true, answers: [{ feedback: 'Đúng: tối thiểu 30% GDP.' }, { feedback: 'Chưa đúng: mục tiêu là tối thiểu 30% GDP.' }] },
    },
  },
  {
    category: 'resolution',
    q: {
      type: 'numeric', title: 'Tỷ lệ kinh tế số trong GDP',
      text: '<p>Theo Nghị quyết 57-NQ/TW, đến năm 2030 quy mô kinh tế số đạt tối thiểu bao nhiêu phần trăm GDP? (Nhập một số)</p>', tags: ['NQ57', 'mục tiêu'],
      data: { numeric: [{ value: 30, tolerance: 0 }], answers: [{ fraction: 1, feedback: 'Chính xác: 30%.' }] },
    },
  },
  {
    category: 'resolution',
    q: {
      type: 'missing_word', title: 'Điền khuyết: cơ quan ban hành',
      text: '<p>Nghị quyết 57-NQ/TW do _____ ban hành ngày 22/12/2024.</p>', tags: ['NQ57'],
      data: { baseType: 'single_choice', answers: [a('Bộ Chính trị', 1), a('Quốc hội'), a('Chính phủ')] },
    },
  },
  {
    category: 'resolution',
    q: {
      type: 'essay', title: 'Liên hệ Nghị quyết 57 với công việc tại phường',
      text: '<p>Trình bày ba việc cụ thể mà đơn vị anh/chị có thể làm trong năm nay để thực hiện Nghị quyết 57-NQ/TW ở cấp phường.</p>',
      defaultMark: 5, tags: ['NQ57', 'tự luận'],
      data: { essay: { minWords: 100, maxWords: 500, responseTemplate: 'Việc 1:\nViệc 2:\nViệc 3:' } },
    },
  },

  // ------------------------------------------------------------------ Kỹ năng số cơ bản
  {
    category: 'skills',
    q: {
      type: 'description', title: 'Giới thiệu phần Kỹ năng số cơ bản',
      text: '<p>Các câu hỏi sau kiểm tra kỹ năng sử dụng máy tính, điện thoại thông minh và các ứng dụng số thường dùng trong công việc hằng ngày.</p>',
      data: {},
    },
  },
  {
    category: 'skills',
    q: {
      type: 'numeric', title: 'Thời gian gửi tệp',
      text: '<p>Một tệp dung lượng 3 MB được gửi qua đường truyền có tốc độ ổn định 8 Mbit/s. Cần khoảng bao nhiêu giây? (1 byte = 8 bit)</p>', tags: ['tính toán'],
      data: {
        numeric: [{ value: 3, tolerance: 0.5 }, { value: 24, tolerance: 0 }],
        answers: [{ fraction: 1, feedback: '3 MB = 24 Mbit; 24 : 8 = 3 giây.' }, { fraction: 0, feedback: '24 là số megabit, chưa chia cho tốc độ đường truyền.' }],
      },
    },
  },
  {
    category: 'skills',
    q: {
      type: 'numeric', title: 'Thời gian tải tệp 10 MB',
      text: '<p>Ước tính thời gian (giây) để tải một tệp 10 MB với tốc độ 20 Mbit/s.</p>', tags: ['tính toán'],
      data: { numeric: [{ min: 3.5, max: 4.5 }], answers: [{ fraction: 1, feedback: '10 MB = 80 Mbit; 80 : 20 = 4 giây.' }] },
    },
  },
  {
    category: 'skills',
    q: {
      type: 'ordering', title: 'Thứ tự gửi thư điện tử công vụ có tệp đính kèm',
      text: '<p>Sắp xếp các bước gửi một thư điện tử công vụ có tệp đính kèm theo đúng thứ tự.</p>',
      data: { pairs: [{ left: 'Đăng nhập hộp thư công vụ', right: '' }, { left: 'Soạn thư mới, nhập địa chỉ người nhận và tiêu đề', right: '' }, { left: 'Đính kèm tệp và kiểm tra lại nội dung', right: '' }, { left: 'Bấm Gửi', right: '' }] },
    },
  },
  {
    category: 'skills',
    q: {
      type: 'matching', title: 'Phím tắt thường dùng',
      text: '<p>Ghép mỗi tổ hợp phím (trên Windows) với chức năng của nó.</p>', tags: ['tin học văn phòng'],
      data: {
        pairs: [{ left: 'Ctrl + C', right: 'Sao chép' }, { left: 'Ctrl + V', right: 'Dán' }, { left: 'Ctrl + Z', right: 'Hoàn tác' }, { left: 'Ctrl + S', right: 'Lưu tệp' }, { left: '', right: 'In tài liệu' }],
        generalFeedback: '<p>Ctrl + P mới là lệnh in.</p>',
      },
    },
  },
  {
    category: 'skills',
    q: {
      type: 'short_answer', title: 'Định dạng tệp văn bản không chỉnh sửa được',
      text: '<p>Định dạng tệp phổ biến nào thường dùng để gửi văn bản giữ nguyên bố cục và khó chỉnh sửa? (viết tên định dạng)</p>', tags: ['tin học văn phòng'],
      data: { answers: [a('PDF', 1), a('.pdf', 1)], caseSensitive: false },
    },
  },
  {
    category: 'publicServices',
    q: {
      type: 'single_choice', title: 'Địa chỉ Cổng Dịch vụ công quốc gia',
      text: '<p>Địa chỉ truy cập Cổng Dịch vụ công quốc gia là gì?</p>', tags: ['dịch vụ công'],
      data: { answers: [a('dichvucong.gov.vn', 1), a('dichvucong.com.vn', 0, 'Cảnh giác với trang giả mạo có đuôi .com.vn.'), a('chinhphu.vn'), a('vneid.vn')] },
    },
  },
  {
    category: 'publicServices',
    q: {
      type: 'short_answer', title: 'Ứng dụng định danh điện tử',
      text: '<p>Tên ứng dụng định danh điện tử quốc gia do Bộ Công an phát triển là gì?</p>', tags: ['dịch vụ công', 'Đề án 06'],
      data: { answers: [a('VNeID', 1, 'Chính xác.'), a('VNe ID', 1)], caseSensitive: false, ignoreDiacritics: true },
    },
  },
  {
    category: 'publicServices',
    q: {
      type: 'ordering', title: 'Các bước nộp hồ sơ trực tuyến',
      text: '<p>Sắp xếp các bước nộp một hồ sơ thủ tục hành chính trên Cổng Dịch vụ công quốc gia.</p>', tags: ['dịch vụ công'],
      data: { pairs: [{ left: 'Đăng nhập bằng tài khoản định danh điện tử VNeID', right: '' }, { left: 'Tìm và chọn thủ tục cần thực hiện', right: '' }, { left: 'Điền tờ khai và đính kèm giấy tờ', right: '' }, { left: 'Nộp hồ sơ và thanh toán phí, lệ phí (nếu có)', right: '' }, { left: 'Theo dõi tình trạng xử lý và nhận kết quả', right: '' }] },
    },
  },
  {
    category: 'publicServices',
    q: {
      type: 'true_false', title: 'Tài khoản VNeID mức 2',
      text: '<p>Người dân có thể dùng tài khoản định danh điện tử mức 2 trên ứng dụng VNeID để đăng nhập Cổng Dịch vụ công quốc gia.</p>', tags: ['dịch vụ công', 'Đề án 06'],
      data: { correctAnswer: true },
    },
  },
  {
    category: 'publicServices',
    q: {
      type: 'missing_word', title: 'Điền khuyết: ứng dụng định danh',
      text: '<p>Ứng dụng định danh điện tử quốc gia có tên là _____.</p>', tags: ['dịch vụ công'],
      data: { baseType: 'short_answer', answers: [a('VNeID', 1)] },
    },
  },

  // ------------------------------------------------------------------ An toàn thông tin
  {
    category: 'security',
    q: {
      type: 'description', title: 'Tình huống: thư điện tử đáng ngờ',
      text: '<p>Tình huống: Chị Lan nhận được một thư điện tử xưng là của "Bộ phận kỹ thuật", yêu cầu bấm vào đường liên kết để "xác minh lại mật khẩu hộp thư công vụ trong 24 giờ". Hãy trả lời các câu hỏi tiếp theo.</p>',
      tags: ['an toàn thông tin'], data: {},
    },
  },
  {
    category: 'security',
    q: {
      type: 'single_choice', title: 'Xử lý thư điện tử lừa đảo',
      text: '<p>Trong tình huống trên, chị Lan nên làm gì?</p>', tags: ['an toàn thông tin', 'lừa đảo trực tuyến'],
      data: {
        answers: [
          a('Không bấm vào liên kết, báo cho cán bộ phụ trách công nghệ thông tin của cơ quan', 1, 'Đúng: đây là dấu hiệu lừa đảo (phishing).'),
          a('Bấm vào liên kết và đổi mật khẩu ngay', 0, 'Nguy hiểm: trang đó có thể đánh cắp mật khẩu.'),
          a('Chuyển tiếp thư cho đồng nghiệp để cùng xác minh'),
          a('Trả lời thư, gửi kèm mật khẩu hiện tại'),
        ],
      },
    },
  },
  {
    category: 'security',
    q: {
      type: 'multiple_choice', title: 'Đặc điểm của mật khẩu mạnh',
      text: '<p>Những đặc điểm nào giúp mật khẩu an toàn hơn?</p>', tags: ['an toàn thông tin', 'mật khẩu'],
      data: {
        answers: [
          a('Dài từ 12 ký tự trở lên', 0.3333333), a('Kết hợp chữ hoa, chữ thường, chữ số và ký tự đặc biệt', 0.3333333),
          a('Không dùng lại cho nhiều tài khoản', 0.3333333), a('Dùng ngày sinh cho dễ nhớ', -0.5, 'Ngày sinh rất dễ bị đoán.'),
          a('Ghi ra giấy dán cạnh màn hình', -0.5),
        ],
      },
    },
  },
  {
    category: 'security',
    q: {
      type: 'multiple_choice', title: 'Bảo vệ tài khoản công vụ',
      text: '<p>Những biện pháp nào giúp bảo vệ tài khoản công vụ khi bị lộ mật khẩu? (Chọn hai phương án)</p>', tags: ['an toàn thông tin'],
      data: { answers: [a('Bật xác thực hai yếu tố', 0.5), a('Đổi mật khẩu ngay và đăng xuất khỏi các thiết bị lạ', 0.5), a('Tắt phần mềm diệt virus'), a('Chia sẻ mật khẩu mới qua tin nhắn')] },
    },
  },
  {
    category: 'security',
    q: {
      type: 'true_false', title: 'Wi-Fi công cộng',
      text: '<p>Đăng nhập hệ thống quản lý văn bản của cơ quan qua mạng Wi-Fi công cộng không mật khẩu là an toàn.</p>', tags: ['an toàn thông tin'],
      data: { correctAnswer: false, answers: [{ feedback: 'Chưa đúng: mạng Wi-Fi công cộng không mã hóa dễ bị nghe lén.' }, { feedback: 'Chính xác.' }] },
    },
  },
  {
    category: 'security',
    q: {
      type: 'matching', title: 'Các loại tấn công mạng',
      text: '<p>Ghép mỗi hình thức tấn công với mô tả phù hợp.</p>', tags: ['an toàn thông tin'],
      data: {
        pairs: [
          { left: 'Lừa đảo giả mạo (phishing)', right: 'Thư hoặc tin nhắn giả mạo để lấy mật khẩu, thông tin cá nhân' },
          { left: 'Mã độc tống tiền (ransomware)', right: 'Mã hóa dữ liệu rồi đòi tiền chuộc' },
          { left: 'Tấn công từ chối dịch vụ (DDoS)', right: 'Gửi lượng lớn truy cập làm hệ thống quá tải' },
        ],
      },
    },
  },
  {
    category: 'security',
    q: {
      type: 'short_answer', title: 'Xác thực hai yếu tố',
      text: '<p>Cơ chế đăng nhập yêu cầu cả mật khẩu và mã gửi về điện thoại gọi là xác thực gì?</p>', tags: ['an toàn thông tin', 'mật khẩu'],
      data: { answers: [a('xác thực hai yếu tố', 1), a('xác thực 2 yếu tố', 1), a('xác thực hai bước', 1), a('2FA', 1)], ignoreDiacritics: true },
    },
  },
  {
    category: 'security',
    q: {
      type: 'missing_word', title: 'Điền khuyết: Wi-Fi công cộng',
      text: '<p>Đăng nhập tài khoản công vụ qua Wi-Fi công cộng không mật khẩu là _____.</p>', tags: ['an toàn thông tin'],
      data: { baseType: 'true_false', correctAnswer: false },
    },
  },
  {
    category: 'security',
    q: {
      type: 'essay', title: 'Xử lý máy tính nhiễm mã độc',
      text: '<p>Nêu các bước anh/chị sẽ thực hiện khi phát hiện máy tính làm việc có dấu hiệu nhiễm mã độc tống tiền.</p>',
      defaultMark: 3, tags: ['an toàn thông tin', 'tự luận'], data: { essay: { maxWords: 300 } },
    },
  },

  // ------------------------------------------------------------------ Truyền thông số
  {
    category: 'communication',
    q: {
      type: 'single_choice', title: 'Nguyên tắc 5W1H',
      text: '<p>Nguyên tắc "5W1H" khi viết tin bài giúp người viết điều gì?</p>', tags: ['truyền thông số'],
      data: { answers: [a('Trả lời đủ các câu hỏi Ai, Cái gì, Ở đâu, Khi nào, Tại sao, Như thế nào', 1), a('Viết tin bài dài ít nhất 5 trang'), a('Đăng tin vào 5 giờ sáng'), a('Dùng nhiều từ viết tắt')] },
    },
  },
  {
    category: 'communication',
    q: {
      type: 'true_false', title: 'Duyệt tin trước khi đăng',
      text: '<p>Thông tin đăng trên trang Zalo OA của UBND phường phải được người có thẩm quyền duyệt trước khi phát hành.</p>', tags: ['truyền thông số'],
      data: { correctAnswer: true },
    },
  },
  {
    category: 'communication',
    q: {
      type: 'matching', title: 'Kênh truyền thông và mục đích',
      text: '<p>Ghép mỗi nền tảng với mục đích sử dụng chính.</p>', tags: ['truyền thông số'],
      data: {
        pairs: [
          { left: 'Cổng Dịch vụ công quốc gia', right: 'Nộp hồ sơ thủ tục hành chính trực tuyến' },
          { left: 'Ứng dụng VNeID', right: 'Định danh và xác thực điện tử' },
          { left: 'Zalo OA của UBND phường', right: 'Kênh thông tin chính thức tới người dân' },
        ],
      },
    },
  },
  {
    category: 'communication',
    q: {
      type: 'ordering', title: 'Quy trình xử lý thông tin sai lệch',
      text: '<p>Sắp xếp quy trình 4 bước xử lý thông tin sai lệch trên mạng xã hội.</p>', tags: ['truyền thông số'],
      data: { pairs: [{ left: 'Tiếp nhận và ghi nhận phản ánh', right: '' }, { left: 'Xác minh thông tin với bộ phận chuyên môn', right: '' }, { left: 'Phản hồi công khai, lịch sự, đúng thẩm quyền', right: '' }, { left: 'Báo cáo lãnh đạo khi có dấu hiệu vi phạm pháp luật', right: '' }] },
    },
  },
  {
    category: 'communication',
    q: {
      type: 'short_answer', title: 'Ngày Chuyển đổi số quốc gia',
      text: '<p>Ngày Chuyển đổi số quốc gia là ngày nào hằng năm? (viết theo dạng ngày/tháng, ví dụ 1/1)</p>', tags: ['truyền thông số'],
      data: { answers: [a('10/10', 1), a('10-10', 1), a('ngày 10 tháng 10', 1)] },
    },
  },
  {
    category: 'communication',
    q: {
      type: 'missing_word', title: 'Điền khuyết: Ngày Chuyển đổi số quốc gia',
      text: '<p>Ngày _____ tháng 10 hằng năm là Ngày Chuyển đổi số quốc gia.</p>', tags: ['truyền thông số'],
      data: { baseType: 'numeric', numeric: [{ value: 10, tolerance: 0 }], answers: [{ fraction: 1, feedback: '' }] },
    },
  },
  {
    category: 'communication',
    q: {
      type: 'essay', title: 'Soạn tin thông báo trên Zalo OA',
      text: '<p>Soạn một tin ngắn thông báo lịch tiếp công dân tháng tới của UBND phường để đăng trên trang Zalo OA.</p>',
      defaultMark: 2, tags: ['truyền thông số', 'tự luận'], data: { essay: { minWords: 30, maxWords: 150 } },
    },
  },
  {
    category: 'communication',
    q: {
      type: 'description', title: 'Giới thiệu phần Truyền thông số',
      text: '<p>Phần này kiểm tra kỹ năng cung cấp thông tin cho người dân trên các nền tảng số của phường.</p>', data: {},
    },
  },
];

export interface DemoQuestionBank {
  bankId: string;
  rootCategoryId: string;
  /** category ids by key of DEMO_CATEGORIES */
  categoryIds: Record<DemoCategoryKey, string>;
}

/** Creates the demo bank in the seed transaction. Throws when a demo question does not pass validation (a bug in this file). */
export async function seedQuestionBank(tx: Runner, wardId: string, createdBy: string | null = null): Promise<DemoQuestionBank> {
  const bank = await insertBank(tx, {
    name: DEMO_BANK_NAME, ownerUnitId: wardId, userId: createdBy,
    description: 'Câu hỏi bồi dưỡng về Nghị quyết 57-NQ/TW, kỹ năng số cơ bản, an toàn thông tin và truyền thông số cho cán bộ, công chức phường.',
  });
  const categoryIds = {} as Record<DemoCategoryKey, string>;
  for (const [key, path] of Object.entries(DEMO_CATEGORIES) as [DemoCategoryKey, readonly string[]][]) {
    categoryIds[key] = (await ensureCategoryPath(tx, bank.id, bank.rootCategoryId, [...path])).id;
  }
  for (const { category, q } of DEMO_QUESTIONS) {
    const r = normalizeQuestion(q);
    if (!r.ok) throw new Error(`demo question "${String(q.title)}" is invalid: ${JSON.stringify(r.issues)}`);
    await insertQuestion(tx, { bankId: bank.id, categoryId: categoryIds[category], q: r.value, userId: createdBy });
  }
  return { bankId: bank.id, rootCategoryId: bank.rootCategoryId, categoryIds };
}

/** The demo bank and its category ids (for the quiz seed), or null when it is not there. */
export async function findDemoQuestionBank(tx: Runner): Promise<DemoQuestionBank | null> {
  const [bank] = await tx.query(`SELECT id FROM question_banks WHERE name = $1 ORDER BY created_at LIMIT 1`, [DEMO_BANK_NAME]);
  if (!bank) return null;
  const cats: { id: string; parent_id: string | null; name: string }[] = await tx.query(
    `SELECT id, parent_id, name FROM question_categories WHERE bank_id = $1`,
    [bank.id],
  );
  const root = cats.find((c) => c.parent_id === null && c.name === 'Mặc định');
  if (!root) return null;
  const find = (path: readonly string[]) => {
    let parent = root.id;
    for (const name of path) {
      const c = cats.find((x) => x.parent_id === parent && x.name === name);
      if (!c) return null;
      parent = c.id;
    }
    return parent;
  };
  const categoryIds = {} as Record<DemoCategoryKey, string>;
  for (const [key, path] of Object.entries(DEMO_CATEGORIES) as [DemoCategoryKey, readonly string[]][]) {
    const id = find(path);
    if (!id) return null;
    categoryIds[key] = id;
  }
  return { bankId: bank.id, rootCategoryId: root.id, categoryIds };
}
