/** Vietnamese and English messages for error codes and validation constraints. */
export type Lang = 'vi' | 'en';

export function pickLang(acceptLanguage: string | string[] | undefined): Lang {
  const raw = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  if (!raw) return 'vi';
  // honour the first language listed that we support
  for (const part of raw.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}

type Msg = { vi: string; en: string };

export const ERROR_MESSAGES: Record<string, Msg> = {
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' },
  MALFORMED_JSON: { vi: 'Nội dung JSON không đúng cú pháp', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { vi: 'Bạn chưa đăng nhập hoặc phiên đã hết hạn', en: 'You are not signed in or your session has expired' },
  INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  NOT_FOUND: { vi: 'Không tìm thấy', en: 'Not found' },
  ROUTE_NOT_FOUND: { vi: 'Không có địa chỉ API này', en: 'No such API route' },
  CONFLICT: { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  PAYLOAD_TOO_LARGE: { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported content type' },
  UNSUPPORTED_FILE: { vi: 'Tệp không phải bảng tính Excel (.xlsx) hoặc CSV', en: 'The file is not an Excel (.xlsx) or CSV spreadsheet' },
  TOO_MANY_ATTEMPTS: { vi: 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau {seconds} giây', en: 'Too many failed sign-ins; try again in {seconds} seconds' },
  WRONG_OLD_PASSWORD: { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  USERNAME_TAKEN: { vi: 'Tên đăng nhập đã được dùng', en: 'This username is already taken' },
  EMAIL_TAKEN: { vi: 'Email đã được dùng', en: 'This email is already used' },
  STAFF_CODE_TAKEN: { vi: 'Mã cán bộ đã tồn tại', en: 'This staff code already exists' },
  STAFF_ALREADY_LINKED: { vi: 'Người này đã có tài khoản khác', en: 'This person already has another account' },
  UNIT_CODE_TAKEN: { vi: 'Mã đơn vị đã tồn tại', en: 'This unit code already exists' },
  UNIT_NOT_EMPTY: { vi: 'Không thể giải thể đơn vị còn đơn vị trực thuộc đang hoạt động hoặc còn người đang công tác', en: 'A unit that still has open sub-units or active people cannot be closed' },
  UNIT_CLOSED: { vi: 'Đơn vị đã ngừng hoạt động', en: 'The unit is closed' },
  UNIT_CYCLE: { vi: 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó', en: 'A unit cannot be moved under itself or its own sub-unit' },
  IMPORT_HAS_ERRORS: { vi: 'Tệp còn dòng lỗi; hãy sửa tệp và tải lên lại', en: 'The file still has rows with errors; fix it and upload again' },
  IMPORT_NOT_PREVIEWED: { vi: 'Lượt nhập này không còn ở bước xem trước', en: 'This import is no longer in preview' },
  NO_HEADER: { vi: 'Không tìm thấy dòng tiêu đề cột', en: 'No header row found' },
  EMPTY: { vi: 'Tệp không có dòng dữ liệu', en: 'The file has no data rows' },
  TOO_MANY_ROWS: { vi: 'Tệp có quá nhiều dòng', en: 'The file has too many rows' },
  LAST_ADMIN: { vi: 'Không thể bỏ quyền của quản trị viên cuối cùng', en: 'The last administrator cannot lose the admin role' },
  SCOPE_REQUIRED: { vi: 'Giảng viên và cán bộ quản lý phải được gán đơn vị phụ trách', en: 'Trainers and managers need a scope unit' },
  COURSE_CODE_TAKEN: { vi: 'Mã khóa học đã tồn tại', en: 'This course code already exists' },
  COURSE_ARCHIVED: { vi: 'Khóa học đã lưu trữ, không thể thay đổi', en: 'The course is archived and cannot be changed' },
  TARGET_CODE_TAKEN: { vi: 'Mã chỉ tiêu đã được dùng', en: 'This target code is already used' },
  COURSE_NOT_COMPLETED: { vi: 'Người này chưa hoàn thành khóa học nên chưa thể cấp giấy chứng nhận', en: 'This person has not completed the course: no certificate can be issued' },
  CERTIFICATE_EXISTS: { vi: 'Giấy chứng nhận cho lần hoàn thành này đã được cấp', en: 'A certificate was already issued for this completion' },
  CERTIFICATE_REVOKED: { vi: 'Giấy chứng nhận đã bị thu hồi', en: 'The certificate is already revoked' },
  CERTIFICATE_REPLACED: { vi: 'Giấy chứng nhận này đã được cấp lại bằng giấy khác', en: 'This certificate was already replaced by a new one' },
  REPORT_SUBMITTED: { vi: 'Báo cáo đã gửi nên không thể sửa; hãy lập bản điều chỉnh', en: 'The report was submitted and cannot be changed; make a corrected version' },
  REPORT_NOT_SUBMITTED: { vi: 'Báo cáo chưa gửi: hãy sửa trực tiếp bản nháp', en: 'The report has not been submitted: edit the draft instead' },
  REPORT_ALREADY_REVISED: { vi: 'Báo cáo này đã có bản điều chỉnh', en: 'This report already has a corrected version' },
  ITEM_HAS_PROGRESS: { vi: 'Không thể xóa nội dung đã có người học', en: 'An item someone has progress on cannot be removed' },
  ITEM_LOCKED: { vi: 'Nội dung này chưa được mở', en: 'This item is still locked' },
  WRONG_ENROL_KEY: { vi: 'Mã ghi danh không đúng', en: 'Wrong enrolment key' },
  RENEWAL_NOT_CONFIGURED: {
    vi: 'Khóa học chưa đặt thời hạn hiệu lực của giấy chứng nhận và số ngày ghi danh học lại trước khi hết hạn',
    en: 'The course has no certificate validity and re-enrolment lead time',
  },
  ENROLMENT_COMPLETED: { vi: 'Người học đã hoàn thành khóa học', en: 'The learner has already completed the course' },
  ENROLMENT_CLOSED: { vi: 'Ghi danh này đã được miễn hoặc rút', en: 'This enrolment is exempted or withdrawn' },
  FILE_TYPE_NOT_ALLOWED: { vi: 'Loại tệp không được phép', en: 'This type of file is not allowed' },
  FILE_TOO_LARGE: { vi: 'Tệp vượt quá giới hạn {limit}', en: 'The file is larger than the {limit} limit' },
  TOO_MANY_ATTACHMENTS: { vi: 'Mỗi bài học có tối đa {max} tệp đính kèm', en: 'A lesson can have at most {max} attachments' },
  COMPLETION_ALREADY_REVIEWED: { vi: 'Kết quả này đã được duyệt hoặc từ chối', en: 'This completion has already been reviewed' },
  COMPLETION_DUPLICATE: { vi: 'Kết quả bồi dưỡng này (cùng người, nội dung và ngày) đã được ghi nhận', en: 'This completion (same person, training and date) is already recorded' },
  // question bank
  BANK_NOT_EMPTY: { vi: 'Ngân hàng còn câu hỏi (hoặc có câu hỏi đã dùng trong bài làm), không thể xóa', en: 'The bank still has questions (or questions used in attempts) and cannot be deleted' },
  CATEGORY_NOT_EMPTY: { vi: 'Danh mục còn câu hỏi hoặc danh mục con, không thể xóa', en: 'The category still has questions or subcategories and cannot be deleted' },
  CATEGORY_NAME_TAKEN: { vi: 'Đã có danh mục cùng tên ở cùng cấp', en: 'A category with this name already exists at this level' },
  IMPORT_NOT_PENDING: { vi: 'Lượt nhập này đã được nhập hoặc đã hủy', en: 'This import has already been committed or cancelled' },
  IMPORT_EMPTY: { vi: 'Tệp không có câu hỏi nào để nhập', en: 'The file has no questions to import' },
  // attendance (classes, sessions, roster, marks, rotating-QR check-in)
  CLASS_CODE_TAKEN: { vi: 'Mã lớp đã tồn tại', en: 'This class code already exists' },
  CLASS_CLOSED: { vi: 'Lớp đã kết thúc hoặc đã hủy, không thể thay đổi', en: 'The class is completed or cancelled and cannot be changed' },
  CLASS_FULL: { vi: 'Lớp đã đủ số chỗ ({capacity} người)', en: 'The class is full ({capacity} people)' },
  CLASS_STATUS_MOVE: { vi: 'Không thể chuyển trạng thái lớp từ "{from}" sang "{to}"', en: 'The class cannot move from "{from}" to "{to}"' },
  SESSION_HAS_MARKS: { vi: 'Buổi học đã có điểm danh, không thể đổi giờ hoặc hủy', en: 'The session already has marks; its time cannot change and it cannot be cancelled' },
  SESSION_NOT_POSTPONED: { vi: 'Chỉ thêm buổi học bù cho buổi đã hoãn hoặc đã hủy', en: 'A make-up session is only for a postponed or cancelled session' },
  SESSION_NOT_ACTIVE: { vi: 'Buổi học đã hoãn hoặc đã hủy', en: 'The session is postponed or cancelled' },
  ROSTER_HAS_MARKS: { vi: 'Người này đã có điểm danh trong lớp, không thể xóa khỏi danh sách', en: 'This person already has marks in the class and cannot be removed' },
  CHECKIN_TOKEN_INVALID: { vi: 'Mã điểm danh không hợp lệ. Hãy quét lại mã QR trên màn hình của lớp', en: 'Invalid check-in code. Scan the QR code on the class screen again' },
  CHECKIN_TOKEN_EXPIRED: { vi: 'Mã điểm danh đã hết hạn (mã đổi sau vài giây, ảnh chụp màn hình không dùng được). Hãy quét mã QR đang hiện trên màn hình', en: 'The check-in code has expired (it changes every few seconds; a screenshot does not work). Scan the QR code shown on the screen now' },
  CHECKIN_TOKEN_WRONG_SESSION: { vi: 'Mã điểm danh này thuộc buổi học khác', en: 'This check-in code belongs to another session' },
  CHECKIN_IDENTITY_REQUIRED: { vi: 'Hãy đăng nhập, hoặc nhập họ tên và số điện thoại để điểm danh', en: 'Sign in, or enter your name and phone number to check in' },
  CHECKIN_NOT_ON_ROSTER: { vi: 'Không tìm thấy bạn trong danh sách lớp. Hãy kiểm tra họ tên, số điện thoại hoặc báo giảng viên', en: 'You are not on the class list. Check your name and phone number, or tell the trainer' },
  CHECKIN_WINDOW_NOT_OPEN: { vi: 'Chưa đến giờ điểm danh: mở lúc {opensAt}', en: 'Check-in is not open yet: it opens at {opensAt}' },
  CHECKIN_WINDOW_CLOSED: { vi: 'Đã hết giờ điểm danh (đóng lúc {closesAt}). Hãy báo giảng viên', en: 'Check-in closed at {closesAt}. Please tell the trainer' },
  CHECKIN_SESSION_NOT_ACTIVE: { vi: 'Buổi học này đã hoãn, đã hủy hoặc lớp không còn mở điểm danh', en: 'This session is postponed or cancelled, or the class no longer takes check-ins' },
  CHECKIN_LOCATION_REQUIRED: { vi: 'Lớp này cần vị trí của điện thoại để điểm danh. Hãy cho phép trình duyệt truy cập vị trí rồi thử lại', en: 'This class needs your phone\'s location to check in. Allow the browser to use your location and try again' },
  CHECKIN_OUTSIDE_GEOFENCE: { vi: 'Bạn đang ở cách địa điểm học khoảng {distanceM} m (cho phép {radiusM} m). Hãy điểm danh tại lớp', en: 'You are about {distanceM} m from the venue (allowed: {radiusM} m). Check in at the class' },
  CHECKIN_ALREADY: { vi: 'Bạn đã điểm danh buổi này lúc {at}. Không cần điểm danh lại', en: 'You already checked in to this session at {at}. No need to check in again' },
  CHECKIN_DEVICE_COOLDOWN: { vi: 'Điện thoại này vừa điểm danh cho người khác. Mỗi người hãy điểm danh bằng điện thoại của mình, hoặc thử lại sau {minutes} phút', en: 'This phone has just checked in someone else. Everyone should use their own phone, or try again in {minutes} minutes' },
  CHECKIN_TOO_MANY_CODES: { vi: 'Nhập sai mã quá nhiều lần. Hãy quét mã QR hoặc thử lại sau 1 phút', en: 'Too many wrong codes. Scan the QR code or try again in a minute' },
  // quizzes and attempts
  QUIZ_NOT_OPEN: { vi: 'Bài kiểm tra chưa mở', en: 'The quiz is not open yet' },
  QUIZ_CLOSED: { vi: 'Bài kiểm tra đã đóng', en: 'The quiz is closed' },
  NO_ATTEMPTS_LEFT: { vi: 'Bạn đã dùng hết số lần làm bài', en: 'You have no attempts left' },
  ATTEMPT_DELAY: { vi: 'Bạn cần chờ đến {retryAt} mới được làm lại', en: 'You can start the next attempt at {retryAt}' },
  ATTEMPT_DEADLINE_PASSED: { vi: 'Đã hết thời gian làm bài; câu trả lời không được ghi nhận', en: 'The time is up; the answer was not recorded' },
  ATTEMPT_CLOSED: { vi: 'Bài làm đã nộp hoặc đã kết thúc', en: 'The attempt is already submitted or closed' },
  ATTEMPT_IN_PROGRESS: { vi: 'Bài làm chưa nộp, chưa thể chấm', en: 'The attempt is still in progress and cannot be graded' },
  PAGE_LOCKED: { vi: 'Bài kiểm tra làm theo thứ tự: không quay lại trang trước được', en: 'This quiz is sequential: earlier pages cannot be changed' },
  REVIEW_NOT_AVAILABLE: { vi: 'Chưa được xem lại bài làm vào lúc này', en: 'The review of this attempt is not available now' },
  QUIZ_HAS_ATTEMPTS: { vi: 'Bài kiểm tra đã có người làm, không thể thay đổi danh sách câu hỏi', en: 'The quiz has attempts; its questions cannot change' },
  QUIZ_INCOMPLETE: { vi: 'Bài kiểm tra chưa đủ câu hỏi để bắt đầu; hãy báo giảng viên', en: 'The quiz does not have enough questions to start; please tell the trainer' },
  INTERNAL: { vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error, please try again later' },
  SERVICE_UNAVAILABLE: { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service temporarily unavailable' },
};

export function errorMessage(code: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const m = ERROR_MESSAGES[code] ?? ERROR_MESSAGES.INTERNAL;
  return m[lang].replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

/** Validation constraint messages, keyed by class-validator constraint name. {n} = first number of the default message. */
const CONSTRAINTS: Record<string, Msg> = {
  whitelistValidation: { vi: 'Trường này không được phép', en: 'This field is not allowed' },
  isDefined: { vi: 'Bắt buộc nhập', en: 'Required' },
  isNotEmpty: { vi: 'Bắt buộc nhập', en: 'Required' },
  isString: { vi: 'Phải là chuỗi ký tự', en: 'Must be text' },
  isEmail: { vi: 'Email không hợp lệ', en: 'Invalid email address' },
  isVnMobile: { vi: 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08, 09)', en: 'Invalid mobile number (10 digits starting 03, 05, 07, 08, 09)' },
  isUuid: { vi: 'Mã định danh không hợp lệ', en: 'Invalid id' },
  isInt: { vi: 'Phải là số nguyên', en: 'Must be an integer' },
  isBoolean: { vi: 'Phải là true hoặc false', en: 'Must be true or false' },
  isIn: { vi: 'Giá trị không hợp lệ; cho phép: {values}', en: 'Invalid value; allowed: {values}' },
  isEnum: { vi: 'Giá trị không hợp lệ; cho phép: {values}', en: 'Invalid value; allowed: {values}' },
  min: { vi: 'Không được nhỏ hơn {n}', en: 'Must not be less than {n}' },
  max: { vi: 'Không được lớn hơn {n}', en: 'Must not be greater than {n}' },
  maxLength: { vi: 'Tối đa {n} ký tự', en: 'At most {n} characters' },
  minLength: { vi: 'Tối thiểu {n} ký tự', en: 'At least {n} characters' },
  isDateString: { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)', en: 'Invalid date (format YYYY-MM-DD)' },
  isIsoDate: { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)', en: 'Invalid date (format YYYY-MM-DD)' },
  isArray: { vi: 'Phải là danh sách', en: 'Must be a list' },
  arrayMaxSize: { vi: 'Tối đa {n} phần tử', en: 'At most {n} items' },
  arrayMinSize: { vi: 'Cần ít nhất {n} phần tử', en: 'At least {n} items' },
  arrayUnique: { vi: 'Các phần tử không được trùng nhau', en: 'Items must be unique' },
  matches: { vi: 'Định dạng không hợp lệ', en: 'Invalid format' },
  isUsername: { vi: 'Tên đăng nhập gồm 3-64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang', en: 'Username: 3-64 characters of lowercase letters, digits, dot, underscore, dash' },
  noControlChars: { vi: 'Không được chứa ký tự điều khiển', en: 'Must not contain control characters' },
  nestedValidation: { vi: 'Dữ liệu con không hợp lệ', en: 'Invalid nested data' },
  isObject: { vi: 'Phải là đối tượng', en: 'Must be an object' },
  isIsoInstant: { vi: 'Thời điểm không hợp lệ (ISO 8601 có múi giờ, ví dụ 2026-06-15T08:00:00+07:00)', en: 'Invalid instant (ISO 8601 with a time zone, e.g. 2026-06-15T08:00:00+07:00)' },
};

export function constraintMessage(name: string, defaultMessage: string, lang: Lang, values?: string): string {
  const m = CONSTRAINTS[name];
  if (!m) return lang === 'vi' ? 'Giá trị không hợp lệ' : defaultMessage;
  const n = /(-?\d+(?:\.\d+)?)/.exec(defaultMessage)?.[1] ?? '';
  const vals = values ?? /following values: (.*)$/.exec(defaultMessage)?.[1] ?? '';
  return m[lang].replace('{n}', n).replace('{values}', vals);
}
