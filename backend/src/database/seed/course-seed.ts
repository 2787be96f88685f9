import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { applyEnrolmentRules } from '../../modules/courses/enrolment-rules';
import { sanitizeHtml } from '../../modules/courses/sanitize';
import { nfc } from '../../common/text/vietnamese';

type Item = { title: string; type: 'lesson' | 'quiz' | 'attendance'; html?: string; rule?: string; final?: boolean; minScore?: number };

const DIGITAL_COURSE: { title: string; items: Item[] }[] = [
  {
    title: 'Phần 1. Tổng quan về truyền thông số',
    items: [
      {
        title: 'Bài 1. Truyền thông số trong hoạt động của chính quyền phường', type: 'lesson', rule: 'opened_to_end',
        html: `<h2>Mục tiêu bài học</h2><p>Sau bài học, học viên nắm được vai trò của truyền thông số trong việc công khai, minh bạch
          thông tin và tương tác với người dân trên địa bàn phường.</p><h3>1. Khái niệm</h3><p>Truyền thông số là việc sử dụng các
          nền tảng số (Cổng thông tin điện tử, trang Zalo OA, Fanpage, nhóm cộng đồng…) để cung cấp thông tin, tiếp nhận phản ánh và
          đối thoại với người dân.</p><h3>2. Các kênh truyền thông của phường</h3><ul><li>Cổng/Trang thông tin điện tử của phường;</li>
          <li>Trang Zalo Official Account của UBND phường;</li><li>Nhóm Zalo các tổ dân phố do Tổ công nghệ số cộng đồng quản trị;</li>
          <li>Hệ thống loa truyền thanh thông minh.</li></ul><p><strong>Lưu ý:</strong> thông tin đăng tải phải được người có thẩm quyền
          duyệt trước khi phát hành.</p>`,
      },
      {
        title: 'Bài 2. Quy định pháp luật về cung cấp thông tin trên môi trường mạng', type: 'lesson', rule: 'opened_to_end',
        html: `<h2>Các văn bản cần nắm</h2><ol><li>Luật Tiếp cận thông tin năm 2016;</li><li>Nghị định số 42/2022/NĐ-CP về cung cấp
          thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng;</li><li>Luật An ninh mạng năm 2018.</li></ol>
          <table><thead><tr><th scope="col">Loại thông tin</th><th scope="col">Thời hạn đăng tải</th></tr></thead><tbody>
          <tr><td>Thông báo, lịch tiếp công dân</td><td>Chậm nhất 01 ngày làm việc</td></tr>
          <tr><td>Thủ tục hành chính mới</td><td>Ngay khi có quyết định công bố</td></tr></tbody></table>`,
      },
    ],
  },
  {
    title: 'Phần 2. Kỹ năng thực hành',
    items: [
      {
        title: 'Bài 3. Viết tin bài ngắn gọn, dễ hiểu cho người dân', type: 'lesson', rule: 'confirm',
        html: `<h2>Nguyên tắc 5W1H</h2><p>Một tin bài tốt trả lời được: <em>Ai? Cái gì? Ở đâu? Khi nào? Tại sao? Như thế nào?</em></p>
          <blockquote>Viết câu ngắn, dùng từ ngữ quen thuộc với người dân, tránh viết tắt.</blockquote>
          <p>Tham khảo thêm tại <a href="https://chinhphu.vn" target="_blank">Cổng Thông tin điện tử Chính phủ</a>.</p>`,
      },
      {
        title: 'Bài 4. Xử lý thông tin sai lệch và phản hồi ý kiến trên mạng xã hội', type: 'lesson', rule: 'opened_to_end',
        html: `<h2>Quy trình 4 bước</h2><ol><li>Tiếp nhận và ghi nhận phản ánh;</li><li>Xác minh thông tin với bộ phận chuyên môn;</li>
          <li>Phản hồi công khai, lịch sự, đúng thẩm quyền;</li><li>Báo cáo lãnh đạo khi có dấu hiệu vi phạm pháp luật.</li></ol>`,
      },
    ],
  },
  {
    title: 'Phần 3. Đánh giá cuối khóa',
    items: [{ title: 'Bài kiểm tra cuối khóa', type: 'quiz', final: true, minScore: 70 }],
  },
];

const RESOLUTION_COURSE: { title: string; items: Item[] }[] = [
  {
    title: 'Nội dung Nghị quyết',
    items: [
      {
        title: 'Bài 1. Quan điểm, mục tiêu của Nghị quyết 57-NQ/TW', type: 'lesson', rule: 'opened_to_end',
        html: `<h2>Nghị quyết số 57-NQ/TW</h2><p>Nghị quyết của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo
          và chuyển đổi số quốc gia.</p><h3>Quan điểm chỉ đạo</h3><ul><li>Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi
          số là đột phá quan trọng hàng đầu;</li><li>Người dân và doanh nghiệp là trung tâm, là chủ thể của chuyển đổi số.</li></ul>`,
      },
      {
        title: 'Bài 2. Nhiệm vụ của cán bộ phường trong triển khai Nghị quyết', type: 'lesson', rule: 'confirm',
        html: `<p>Mỗi cán bộ, công chức phường cần <strong>gương mẫu sử dụng</strong> dịch vụ công trực tuyến, hướng dẫn người dân cài
          đặt và sử dụng VNeID, thanh toán không dùng tiền mặt.</p>`,
      },
    ],
  },
];

async function insertCourse(
  tx: EntityManager, c: { code: string; title: string; description: string; unitId: string; tags: string[]; hours: number; sequential: boolean; selfEnrol: boolean },
  outline: { title: string; items: Item[] }[],
): Promise<{ id: string; itemIds: string[] }> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO courses (id, code, title, description, owner_unit_id, tags, target_group, delivery_mode, duration_hours, status, version,
       sequential, pass_mark, min_progress_before_final, self_enrol, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'cbccvc', 'self_paced', $7, 'published', 1, $8, 70, $9, $10, now())`,
    [id, c.code, nfc(c.title), sanitizeHtml(nfc(c.description)), c.unitId, c.tags, c.hours, c.sequential, c.sequential ? 80 : null, c.selfEnrol],
  );
  const itemIds: string[] = [];
  for (const [si, s] of outline.entries()) {
    const sid = randomUUID();
    await tx.query(`INSERT INTO course_sections (id, course_id, position, title) VALUES ($1, $2, $3, $4)`, [sid, id, si, nfc(s.title)]);
    for (const [ii, it] of s.items.entries()) {
      const iid = randomUUID();
      itemIds.push(iid);
      await tx.query(
        `INSERT INTO course_items (id, course_id, section_id, position, type, title, required, is_final, body_html, completion_rule, min_score)
         VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8, $9, $10)`,
        [iid, id, sid, ii, it.type, nfc(it.title), it.final ?? false, it.html ? sanitizeHtml(nfc(it.html.replace(/\s*\n\s*/g, ' '))) : null,
          it.type === 'lesson' ? it.rule ?? 'opened_to_end' : null, it.minScore ?? null],
      );
    }
  }
  return { id, itemIds };
}

/** Demo courses: a sequential 8-hour course with a rule for the ward's DT officers, and a self-enrol course. */
export async function seedCourses(tx: EntityManager, wardId: string, learnerStaffId: string | undefined): Promise<void> {
  const digital = await insertCourse(tx, {
    code: 'KNS-TTS-01', title: 'Kỹ năng truyền thông số cho cán bộ chuyên trách',
    description: '<p>Khóa học trang bị kỹ năng <strong>truyền thông số</strong> cho cán bộ chuyên trách và kiêm nhiệm chuyển đổi số của phường.</p>',
    unitId: wardId, tags: ['2.1', '2.2', 'digital_communication'], hours: 8, sequential: true, selfEnrol: false,
  }, DIGITAL_COURSE);
  await insertCourse(tx, {
    code: 'NQ57-01', title: 'Phổ biến, quán triệt Nghị quyết 57-NQ/TW',
    description: '<p>Học tập, quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.</p>',
    unitId: wardId, tags: ['resolution_57'], hours: 2, sequential: false, selfEnrol: true,
  }, RESOLUTION_COURSE);
  const [{ id: ruleId }] = await tx.query(
    `INSERT INTO enrolment_rules (course_id, unit_id, categories, dt_roles, due_date) VALUES ($1, $2, '{}', '{dedicated,concurrent}', '2030-12-31') RETURNING id`,
    [digital.id, wardId],
  );
  await applyEnrolmentRules(tx, { ruleIds: [ruleId] });
  if (learnerStaffId) {
    const [e] = await tx.query(`SELECT id FROM enrolments WHERE course_id = $1 AND staff_id = $2`, [digital.id, learnerStaffId]);
    if (e) {
      await tx.query(`INSERT INTO item_progress (enrolment_id, item_id, status, progress, completed_at) VALUES ($1, $2, 'completed', 100, now())`, [e.id, digital.itemIds[0]]);
      await tx.query(`UPDATE enrolments SET status = 'in_progress' WHERE id = $1`, [e.id]);
    }
  }
}
