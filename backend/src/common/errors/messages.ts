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
  ITEM_HAS_PROGRESS: { vi: 'Không thể xóa nội dung đã có người học', en: 'An item someone has progress on cannot be removed' },
  ITEM_LOCKED: { vi: 'Nội dung này chưa được mở', en: 'This item is still locked' },
  WRONG_ENROL_KEY: { vi: 'Mã ghi danh không đúng', en: 'Wrong enrolment key' },
  ENROLMENT_COMPLETED: { vi: 'Người học đã hoàn thành khóa học', en: 'The learner has already completed the course' },
  ENROLMENT_CLOSED: { vi: 'Ghi danh này đã được miễn hoặc rút', en: 'This enrolment is exempted or withdrawn' },
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
};

export function constraintMessage(name: string, defaultMessage: string, lang: Lang, values?: string): string {
  const m = CONSTRAINTS[name];
  if (!m) return lang === 'vi' ? 'Giá trị không hợp lệ' : defaultMessage;
  const n = /(-?\d+(?:\.\d+)?)/.exec(defaultMessage)?.[1] ?? '';
  const vals = values ?? /following values: (.*)$/.exec(defaultMessage)?.[1] ?? '';
  return m[lang].replace('{n}', n).replace('{values}', vals);
}
