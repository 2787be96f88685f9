/** Calendar dates are 'YYYY-MM-DD' strings everywhere; "today" is the date in Vietnam (UTC+7). */
const VN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayVn(now: Date = new Date()): string {
  return VN_DATE.format(now);
}
