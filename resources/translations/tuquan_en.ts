<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
    <context>
        <name>tuquan</name>
        <message>
            <source>Chưa có dữ liệu. Tạo dữ liệu mẫu thành phố Lai Châu (2020–2024)?</source>
            <translation>There is no data yet. Create the demo data of Lai Châu city (2020–2024)?</translation>
        </message>
        <message>
            <source>Tạo dữ liệu mẫu</source>
            <translation>Create demo data</translation>
        </message>
        <message>
            <source>Bắt đầu với tệp trống</source>
            <translation>Start with an empty file</translation>
        </message>
        <message>
            <source>Tạo dữ liệu mẫu thành phố Lai Châu</source>
            <translation>Building the demo data of Lai Châu city</translation>
        </message>
        <message>
            <source>{title} không thành công.

{error}</source>
            <translation>{title} failed.

{error}</translation>
        </message>
        <message>
            <source>Tự đánh giá</source>
            <translation>Self-assessment</translation>
        </message>
        <message>
            <source>Phường/xã xét</source>
            <translation>Ward review</translation>
        </message>
        <message>
            <source>Thành phố thẩm định</source>
            <translation>City appraisal</translation>
        </message>
        <message>
            <source>Đã có quyết định</source>
            <translation>Decided</translation>
        </message>
        <message>
            <source>Không công nhận</source>
            <translation>Not recognised</translation>
        </message>
        <message>
            <source>Chưa xét xong</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>Phường/xã</source>
            <translation>Ward/commune</translation>
        </message>
        <message>
            <source>Phường hoặc xã của tổ</source>
            <translation>The group's ward or commune</translation>
        </message>
        <message>
            <source>Tổ/Bản</source>
            <translation>Group</translation>
        </message>
        <message>
            <source>Tổ dân phố hoặc bản</source>
            <translation>Residential group or village</translation>
        </message>
        <message>
            <source>Đăng ký</source>
            <translation>Registered</translation>
        </message>
        <message>
            <source>Đã đăng ký phấn đấu trong năm</source>
            <translation>Registered for the year's campaign</translation>
        </message>
        <message>
            <source>Bước</source>
            <translation>Stage</translation>
        </message>
        <message>
            <source>Bước đánh giá đang làm</source>
            <translation>The evaluation stage in progress</translation>
        </message>
        <message>
            <source>Tiêu chí đạt</source>
            <translation>Criteria met</translation>
        </message>
        <message>
            <source>Số tiêu chí đạt / tổng số tiêu chí</source>
            <translation>Criteria met / total criteria</translation>
        </message>
        <message>
            <source>Kết quả</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Kết quả công nhận của năm</source>
            <translation>The year's recognition result</translation>
        </message>
        <message>
            <source>Chưa đạt</source>
            <translation>Not met</translation>
        </message>
        <message>
            <source>Các tiêu chí chưa đạt: bắt buộc viết thường, không bắt buộc trong ngoặc</source>
            <translation>Criteria not met: required ones plain, optional ones in brackets</translation>
        </message>
        <message>
            <source>Tất cả</source>
            <translation>All</translation>
        </message>
        <message>
            <source>Đã đăng ký</source>
            <translation>Registered</translation>
        </message>
        <message>
            <source>Đăng ký nhưng chưa đạt tiêu chí bắt buộc</source>
            <translation>Registered but failing a required criterion</translation>
        </message>
        <message>
            <source>Năm trước được công nhận nhưng nay chưa đạt</source>
            <translation>Recognised last year but not (yet) this year</translation>
        </message>
        <message>
            <source>Được công nhận</source>
            <translation>Recognised</translation>
        </message>
        <message>
            <source>Bắt buộc:</source>
            <translation>Required:</translation>
        </message>
        <message>
            <source>Không bắt buộc:</source>
            <translation>Optional:</translation>
        </message>
        <message>
            <source>Năm trước được công nhận</source>
            <translation>Recognised last year</translation>
        </message>
        <message>
            <source>Thêm hộ {name}</source>
            <translation>Add household {name}</translation>
        </message>
        <message>
            <source>Sửa hộ {name}</source>
            <translation>Edit household {name}</translation>
        </message>
        <message>
            <source>Xóa hộ {name}</source>
            <translation>Delete household {name}</translation>
        </message>
        <message>
            <source>Xóa {count} hộ</source>
            <translation>Delete {count} households</translation>
        </message>
        <message>
            <source>Chuyển hộ {name} sang {group}</source>
            <translation>Move household {name} to {group}</translation>
        </message>
        <message>
            <source>Chuyển {count} hộ sang {group}</source>
            <translation>Move {count} households to {group}</translation>
        </message>
        <message>
            <source>Đặt '{label}' năm {year} cho {count} hộ</source>
            <translation>Set '{label}' for {year} (households: {count})</translation>
        </message>
        <message>
            <source>{label}: có</source>
            <translation>{label}: yes</translation>
        </message>
        <message>
            <source>{label}: không</source>
            <translation>{label}: no</translation>
        </message>
        <message>
            <source>Không nghèo, không cận nghèo</source>
            <translation>Neither poor nor near-poor</translation>
        </message>
        <message>
            <source>Đặt tình trạng năm {year}</source>
            <translation>Set the {year} status</translation>
        </message>
        <message>
            <source>Áp dụng cho {count} hộ</source>
            <translation>Apply to the selected ({count})</translation>
        </message>
        <message>
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Đã chọn {count} hộ. Tình trạng năm {year} sẽ đặt là:</source>
            <translation>Households selected: {count}. Their {year} status will be set to:</translation>
        </message>
        <message>
            <source>Tình trạng:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <source>Ra quyết định công nhận năm {year}</source>
            <translation>Recognition decision for {year}</translation>
        </message>
        <message>
            <source>ví dụ 05/QĐ-UBND</source>
            <translation>e.g. 05/QĐ-UBND</translation>
        </message>
        <message>
            <source>Họ và tên người ký</source>
            <translation>Full name of the signer</translation>
        </message>
        <message>
            <source>Ra quyết định</source>
            <translation>Record the decision</translation>
        </message>
        <message>
            <source>Số quyết định:</source>
            <translation>Decision number:</translation>
        </message>
        <message>
            <source>Ngày ký:</source>
            <translation>Signed on:</translation>
        </message>
        <message>
            <source>Người ký:</source>
            <translation>Signer:</translation>
        </message>
        <message>
            <source>Chức vụ:</source>
            <translation>Title:</translation>
        </message>
        <message>
            <source>Cơ quan ban hành:</source>
            <translation>Issuing body:</translation>
        </message>
        <message>
            <source>Năm {year}: {n} phiếu đã được thành phố thẩm định xong, chờ quyết định.</source>
            <translation>{year}: {n} evaluations appraised by the city, awaiting the decision.</translation>
        </message>
        <message>
            <source>{n} phiếu còn đang thẩm định sẽ chưa được xét.</source>
            <translation>{n} evaluations still being appraised will not be included.</translation>
        </message>
        <message>
            <source>Chưa nhập số quyết định.</source>
            <translation>Enter the decision number.</translation>
        </message>
        <message>
            <source>Chưa nhập người ký.</source>
            <translation>Enter the signer's name.</translation>
        </message>
        <message>
            <source>Công nhận {n} tổ: mới {new}, duy trì {maintained}.</source>
            <translation>Recognised {n} groups: {new} new, {maintained} maintained.</translation>
        </message>
        <message>
            <source>Đã ra quyết định</source>
            <translation>Decision recorded</translation>
        </message>
        <message>
            <source>Tiêu chí</source>
            <translation>Criterion</translation>
        </message>
        <message>
            <source>Quy tắc</source>
            <translation>Rule</translation>
        </message>
        <message>
            <source>Minh chứng</source>
            <translation>Evidence</translation>
        </message>
        <message>
            <source>Thành phố</source>
            <translation>City</translation>
        </message>
        <message>
            <source>Đạt</source>
            <translation>Passed</translation>
        </message>
        <message>
            <source>Không đạt</source>
            <translation>Not passed</translation>
        </message>
        <message>
            <source>{stage}: duyệt bởi {actor} lúc {at}</source>
            <translation>{stage}: approved by {actor} at {at}</translation>
        </message>
        <message>
            <source>{stage}: mở lại bởi {actor} lúc {at}; lý do: {reason}</source>
            <translation>{stage}: reopened by {actor} at {at}; reason: {reason}</translation>
        </message>
        <message>
            <source>Phiếu đánh giá năm {year}</source>
            <translation>Evaluation sheet {year}</translation>
        </message>
        <message>
            <source>Đăng ký phấn đấu</source>
            <translation>Register for recognition</translation>
        </message>
        <message>
            <source>Ghi nhận tổ đăng ký phấn đấu năm {year} với ngày hôm nay</source>
            <translation>Record the group's registration for recognition in {year}, dated today</translation>
        </message>
        <message>
            <source>Tiến độ</source>
            <translation>Progress</translation>
        </message>
        <message>
            <source>Đăng ký:</source>
            <translation>Registration:</translation>
        </message>
        <message>
            <source>Bước đang làm:</source>
            <translation>Current stage:</translation>
        </message>
        <message>
            <source>Lịch sử duyệt</source>
            <translation>Approval history</translation>
        </message>
        <message>
            <source>Đề nghị công nhận</source>
            <translation>Propose for recognition</translation>
        </message>
        <message>
            <source>Phường/xã đề nghị thành phố công nhận tổ này</source>
            <translation>The ward/commune proposes this group to the city for recognition</translation>
        </message>
        <message>
            <source>Tính lại</source>
            <translation>Recalculate</translation>
        </message>
        <message>
            <source>Tính lại các tiêu chí tự động từ hồ sơ hộ và hồ sơ tổ hiện nay</source>
            <translation>Recalculate the automatic criteria from the current household and group records</translation>
        </message>
        <message>
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Lưu bước đang làm (Ctrl+S)</source>
            <translation>Save the current stage (Ctrl+S)</translation>
        </message>
        <message>
            <source>Duyệt bước này</source>
            <translation>Approve this stage</translation>
        </message>
        <message>
            <source>Khóa bước đang làm và chuyển sang bước sau</source>
            <translation>Lock the current stage and move to the next</translation>
        </message>
        <message>
            <source>Mở lại…</source>
            <translation>Reopen…</translation>
        </message>
        <message>
            <source>Mở khóa bước đã duyệt gần nhất (cần ghi lý do)</source>
            <translation>Unlock the last approved stage (a reason is required)</translation>
        </message>
        <message>
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>{group} — năm {year}</source>
            <translation>{group} — {year}</translation>
        </message>
        <message>
            <source>Bộ tiêu chí: {name} (phiên bản {version})</source>
            <translation>Criteria framework: {name} (version {version})</translation>
        </message>
        <message>
            <source>Đã đăng ký phấn đấu năm {year}</source>
            <translation>Registered for recognition in {year}</translation>
        </message>
        <message>
            <source>Chưa đăng ký phấn đấu năm {year}</source>
            <translation>Not registered for recognition in {year}</translation>
        </message>
        <message>
            <source>Đã thẩm định xong, chờ quyết định công nhận</source>
            <translation>Appraisal finished, awaiting the recognition decision</translation>
        </message>
        <message>
            <source>Chưa bắt đầu</source>
            <translation>Not started</translation>
        </message>
        <message>
            <source>Đã duyệt bởi {actor} lúc {at}</source>
            <translation>Approved by {actor} at {at}</translation>
        </message>
        <message>
            <source>Đang làm</source>
            <translation>In progress</translation>
        </message>
        <message>
            <source>Chưa đến bước này</source>
            <translation>Not reached yet</translation>
        </message>
        <message>
            <source>Chưa có bước nào được duyệt.</source>
            <translation>No stage has been approved yet.</translation>
        </message>
        <message>
            <source>Các bước đã duyệt chỉ để xem; muốn sửa phải mở lại.</source>
            <translation>Approved stages are read-only; reopen a stage to change it.</translation>
        </message>
        <message>
            <source>Đang làm bước {stage}: đánh dấu các tiêu chí thủ công (Space), bấm đúp hoặc Enter để ghi chú. Tiêu chí tự động lấy từ hồ sơ; bấm "Tính lại" khi hồ sơ thay đổi.</source>
            <translation>Current stage {stage}: tick the manual criteria (Space), double-click or press Enter to add a note. Automatic criteria come from the records; click "Recalculate" when the records change.</translation>
        </message>
        <message>
            <source>Đang làm bước {stage}: đánh dấu Đạt hoặc bỏ dấu để sửa kết quả (Space), bấm đúp hoặc Enter để ghi chú.</source>
            <translation>Current stage {stage}: tick or untick a criterion to change its result (Space), double-click or press Enter to add a note.</translation>
        </message>
        <message>
            <source>(bắt buộc)</source>
            <translation>(required)</translation>
        </message>
        <message>
            <source>Đủ điểm: {points}/{mark} điểm</source>
            <translation>Enough points: {points}/{mark}</translation>
        </message>
        <message>
            <source>Chưa đủ điểm: {points}/{mark} điểm</source>
            <translation>Not enough points: {points}/{mark}</translation>
        </message>
        <message>
            <source>Đạt các tiêu chí bắt buộc</source>
            <translation>Meets the required criteria</translation>
        </message>
        <message>
            <source>(tiêu chí khác chưa đạt: {codes})</source>
            <translation>(other criteria not met: {codes})</translation>
        </message>
        <message>
            <source>Chưa đạt: {codes}</source>
            <translation>Not met: {codes}</translation>
        </message>
        <message>
            <source>Chưa đánh giá: {codes}</source>
            <translation>Not yet assessed: {codes}</translation>
        </message>
        <message>
            <source>Duyệt bước "{stage}"? Sau khi duyệt, bước này bị khóa; muốn sửa phải mở lại và ghi lý do.</source>
            <translation>Approve the stage "{stage}"? Once approved it is locked; changing it requires reopening it with a reason.</translation>
        </message>
        <message>
            <source>Duyệt bước</source>
            <translation>Approve stage</translation>
        </message>
        <message>
            <source>Duyệt</source>
            <translation>Approve</translation>
        </message>
        <message>
            <source>Không duyệt</source>
            <translation>Do not approve</translation>
        </message>
        <message>
            <source>Mở lại bước</source>
            <translation>Reopen stage</translation>
        </message>
        <message>
            <source>Lý do mở lại bước "{stage}" (bắt buộc):</source>
            <translation>Reason for reopening "{stage}" (required):</translation>
        </message>
        <message>
            <source>Ghi chú</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Ghi chú cho tiêu chí {code}:</source>
            <translation>Note for criterion {code}:</translation>
        </message>
        <message>
            <source>Đánh giá thủ công (có/không)</source>
            <translation>Manual assessment (yes/no)</translation>
        </message>
        <message>
            <source>Tỷ lệ hộ đạt</source>
            <translation>Share of households</translation>
        </message>
        <message>
            <source>Số hộ</source>
            <translation>Households</translation>
        </message>
        <message>
            <source>Giá trị của tổ</source>
            <translation>Group value</translation>
        </message>
        <message>
            <source>Thấp hơn tỷ lệ chung của phường/xã</source>
            <translation>Below the ward/commune rate</translation>
        </message>
        <message>
            <source>Đạt liên tục nhiều năm</source>
            <translation>Held for consecutive years</translation>
        </message>
        <message>
            <source>Bộ tiêu chí đã dùng để đánh giá; hãy sao chép thành phiên bản mới để sửa.</source>
            <translation>This framework has been used in evaluations; copy it to a new version to edit it.</translation>
        </message>
        <message>
            <source>{name} — phiên bản {version} ({years})</source>
            <translation>{name} — version {version} ({years})</translation>
        </message>
        <message>
            <source>từ {year}</source>
            <translation>from {year}</translation>
        </message>
        <message>
            <source>Thêm tiêu chuẩn</source>
            <translation>Add standard</translation>
        </message>
        <message>
            <source>Mã:</source>
            <translation>Code:</translation>
        </message>
        <message>
            <source>Tên tiêu chuẩn:</source>
            <translation>Standard name:</translation>
        </message>
        <message>
            <source>Thêm</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Bộ tiêu chí đánh giá</source>
            <translation>Evaluation criteria</translation>
        </message>
        <message>
            <source>&amp;Bộ tiêu chí:</source>
            <translation>&amp;Framework:</translation>
        </message>
        <message>
            <source>Tên:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>Năm áp dụng:</source>
            <translation>Years:</translation>
        </message>
        <message>
            <source>Căn cứ:</source>
            <translation>Legal basis:</translation>
        </message>
        <message>
            <source>Tiêu chuẩn, tiêu chí</source>
            <translation>Standards and criteria</translation>
        </message>
        <message>
            <source>Thêm tiêu chí</source>
            <translation>Add criterion</translation>
        </message>
        <message>
            <source>Xóa tiêu chí</source>
            <translation>Delete criterion</translation>
        </message>
        <message>
            <source>Bắt buộc (không đạt thì không được công nhận)</source>
            <translation>Required (a group failing it is not recognised)</translation>
        </message>
        <message>
            <source>Lưu tiêu chí</source>
            <translation>Save criterion</translation>
        </message>
        <message>
            <source>Lưu tiêu chí đang sửa (Ctrl+S)</source>
            <translation>Save the criterion being edited (Ctrl+S)</translation>
        </message>
        <message>
            <source>Tên tiêu chí:</source>
            <translation>Criterion name:</translation>
        </message>
        <message>
            <source>Điểm:</source>
            <translation>Points:</translation>
        </message>
        <message>
            <source>Loại quy tắc:</source>
            <translation>Rule type:</translation>
        </message>
        <message>
            <source>Chỉ số:</source>
            <translation>Indicator:</translation>
        </message>
        <message>
            <source>Phép so sánh:</source>
            <translation>Comparison:</translation>
        </message>
        <message>
            <source>Ngưỡng:</source>
            <translation>Threshold:</translation>
        </message>
        <message>
            <source>Số năm liên tục:</source>
            <translation>Consecutive years:</translation>
        </message>
        <message>
            <source>Xem trước với số liệu năm:</source>
            <translation>Preview with the data of:</translation>
        </message>
        <message>
            <source>Sao chép thành phiên bản mới…</source>
            <translation>Copy to a new version…</translation>
        </message>
        <message>
            <source>Chưa có bộ tiêu chí nào.</source>
            <translation>There is no criteria framework yet.</translation>
        </message>
        <message>
            <source>Chọn một tiêu chí để xem và sửa.</source>
            <translation>Select a criterion to view and edit it.</translation>
        </message>
        <message>
            <source>Quy tắc chưa hợp lệ: {message}</source>
            <translation>Invalid rule: {message}</translation>
        </message>
        <message>
            <source>Tiêu chí thủ công: tổ tự đánh giá, phường/xã và thành phố xét.</source>
            <translation>Manual criterion: the group assesses itself, the ward/commune and the city review it.</translation>
        </message>
        <message>
            <source>Năm {year}: {passing}/{total} tổ đạt</source>
            <translation>{year}: {passing}/{total} groups pass</translation>
        </message>
        <message>
            <source>Chọn tiêu chuẩn sẽ chứa tiêu chí mới.</source>
            <translation>Select the standard the new criterion belongs to.</translation>
        </message>
        <message>
            <source>Tiêu chí mới</source>
            <translation>New criterion</translation>
        </message>
        <message>
            <source>Xóa tiêu chí {code} {name}?</source>
            <translation>Delete criterion {code} {name}?</translation>
        </message>
        <message>
            <source>Sao chép bộ tiêu chí</source>
            <translation>Copy criteria framework</translation>
        </message>
        <message>
            <source>Tên phiên bản mới:</source>
            <translation>Name of the new version:</translation>
        </message>
        <message>
            <source>Áp dụng từ năm:</source>
            <translation>Applies from the year:</translation>
        </message>
        <message>
            <source>Xóa</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Không xóa</source>
            <translation>Do not delete</translation>
        </message>
        <message>
            <source>Nam</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Nữ</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Họ và tên</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Quan hệ với chủ hộ</source>
            <translation>Relationship to the head</translation>
        </message>
        <message>
            <source>Giới tính</source>
            <translation>Gender</translation>
        </message>
        <message>
            <source>Năm sinh</source>
            <translation>Birth year</translation>
        </message>
        <message>
            <source>Thêm hộ mới</source>
            <translation>Add household</translation>
        </message>
        <message>
            <source>Ví dụ: Nguyễn Văn An</source>
            <translation>e.g. Nguyễn Văn An</translation>
        </message>
        <message>
            <source>Tổ dân phố/bản:</source>
            <translation>Residential group:</translation>
        </message>
        <message>
            <source>Họ tên chủ hộ (*):</source>
            <translation>Head of household (*):</translation>
        </message>
        <message>
            <source>Năm sinh:</source>
            <translation>Birth year:</translation>
        </message>
        <message>
            <source>Dân tộc:</source>
            <translation>Ethnicity:</translation>
        </message>
        <message>
            <source>Giới tính:</source>
            <translation>Gender:</translation>
        </message>
        <message>
            <source>Địa chỉ:</source>
            <translation>Address:</translation>
        </message>
        <message>
            <source>Điện thoại:</source>
            <translation>Phone:</translation>
        </message>
        <message>
            <source>Số nhân khẩu:</source>
            <translation>Household size:</translation>
        </message>
        <message>
            <source>Ghi chú:</source>
            <translation>Note:</translation>
        </message>
        <message>
            <source>Thêm thành viên</source>
            <translation>Add member</translation>
        </message>
        <message>
            <source>Xóa thành viên</source>
            <translation>Remove member</translation>
        </message>
        <message>
            <source>Thành viên hộ (không kể chủ hộ)</source>
            <translation>Household members (not counting the head)</translation>
        </message>
        <message>
            <source>Tình trạng năm {year}</source>
            <translation>Status in {year}</translation>
        </message>
        <message>
            <source>Nghèo/cận nghèo:</source>
            <translation>Poor/near-poor:</translation>
        </message>
        <message>
            <source>Sao chép từ năm {year}</source>
            <translation>Copy from {year}</translation>
        </message>
        <message>
            <source>Lưu và thêm mới</source>
            <translation>Save and add another</translation>
        </message>
        <message>
            <source>Enter hoặc Ctrl+S</source>
            <translation>Enter or Ctrl+S</translation>
        </message>
        <message>
            <source>Ctrl+Enter: lưu rồi nhập hộ tiếp theo cùng tổ</source>
            <translation>Ctrl+Enter: save, then enter the next household of the same group</translation>
        </message>
        <message>
            <source>Năm sinh '{year}' của thành viên không hợp lệ.</source>
            <translation>A member's birth year '{year}' is not valid.</translation>
        </message>
        <message>
            <source>Dân tộc '{name}' không có trong danh mục.</source>
            <translation>Ethnicity '{name}' is not in the list.</translation>
        </message>
        <message>
            <source>Số nhân khẩu ({count}) ít hơn số người đã ghi ({written} kể cả chủ hộ).</source>
            <translation>The household size ({count}) is smaller than the number of people entered ({written} including the head).</translation>
        </message>
        <message>
            <source>Hộ này chưa có tình trạng của năm trước {year}.</source>
            <translation>This household has no status for the year before {year}.</translation>
        </message>
        <message>
            <source>chưa có địa chỉ</source>
            <translation>no address yet</translation>
        </message>
        <message>
            <source>Lưu ý: trong tổ đã có hộ tên gần giống: {names}.</source>
            <translation>Note: the group already has households with a similar name: {names}.</translation>
        </message>
        <message>
            <source>{title} — {n} trang</source>
            <translation>{title} — {n} pages</translation>
        </message>
        <message>
            <source>In…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <source>Lưu thành tệp…</source>
            <translation>Save as file…</translation>
        </message>
        <message>
            <source>In</source>
            <translation>Print</translation>
        </message>
        <message>
            <source>Không mở được máy in.</source>
            <translation>Could not open the printer.</translation>
        </message>
        <message>
            <source>Lưu thành tệp</source>
            <translation>Save as file</translation>
        </message>
        <message>
            <source>Tệp PDF (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>Không lưu được tệp {path}:
{error}</source>
            <translation>Could not save the file {path}:
{error}</translation>
        </message>
        <message>
            <source>Phím tắt</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>Phím</source>
            <translation>Keys</translation>
        </message>
        <message>
            <source>Tác dụng</source>
            <translation>What it does</translation>
        </message>
        <message>
            <source>Mã không phải của Giấy công nhận do Tự Quản in.</source>
            <translation>The code is not from a recognition certificate printed by Tự Quản.</translation>
        </message>
        <message>
            <source>Chữ ký số không đúng: mã đã bị sửa hoặc không do cơ quan này cấp.</source>
            <translation>The digital signature is wrong: the code was altered or not issued by this office.</translation>
        </message>
        <message>
            <source>Chữ ký đúng nhưng sổ cấp không có giấy này (đã hủy hoặc dữ liệu khác).</source>
            <translation>The signature is correct but the register has no such certificate (cancelled, or different data).</translation>
        </message>
        <message>
            <source>Nội dung mã không khớp với sổ cấp.</source>
            <translation>The code's content does not match the register.</translation>
        </message>
        <message>
            <source>Không hợp lệ: {reason}</source>
            <translation>Not valid: {reason}</translation>
        </message>
        <message>
            <source>bản in lại lần {n}</source>
            <translation>reprint no. {n}</translation>
        </message>
        <message>
            <source>bản gốc</source>
            <translation>original</translation>
        </message>
        <message>
            <source>Hợp lệ: Giấy công nhận số {number} ({copy}) cấp cho {recipient}, năm {year}; sổ cấp ghi {reprints} lần in lại.</source>
            <translation>Valid: recognition certificate no. {number} ({copy}) issued to {recipient}, year {year}; the register records {reprints} reprints.</translation>
        </message>
        <message>
            <source>Kiểm tra giấy công nhận</source>
            <translation>Check a recognition certificate</translation>
        </message>
        <message>
            <source>Dán hoặc quét nội dung mã QR trên giấy công nhận</source>
            <translation>Paste or scan the QR code text of the certificate</translation>
        </message>
        <message>
            <source>Kiểm tra</source>
            <translation>Check</translation>
        </message>
        <message>
            <source>Nội dung mã QR:</source>
            <translation>QR code text:</translation>
        </message>
        <message>
            <source>Chưa có nội dung mã để kiểm tra.</source>
            <translation>There is no code to check yet.</translation>
        </message>
        <message>
            <source>Đăng ký: {n}</source>
            <translation>Registered: {n}</translation>
        </message>
        <message>
            <source>Công nhận: {total} (mới {new}, duy trì {maintained})</source>
            <translation>Recognised: {total} ({new} new, {maintained} maintained)</translation>
        </message>
        <message>
            <source>Chỉ tiêu năm {target}: đạt {share}</source>
            <translation>Yearly target {target}: {share} achieved</translation>
        </message>
        <message>
            <source>Chỉ tiêu giai đoạn {target}: đạt {share}</source>
            <translation>Plan target {target}: {share} achieved</translation>
        </message>
        <message>
            <source>Chọn nhóm tổ hiện trong bảng</source>
            <translation>Choose which groups the table shows</translation>
        </message>
        <message>
            <source>Hiện:</source>
            <translation>Show:</translation>
        </message>
        <message>
            <source>Nhấp đúp hoặc Enter để mở phiếu đánh giá</source>
            <translation>Double-click or press Enter to open the evaluation sheet</translation>
        </message>
        <message>
            <source>Mở phiếu đánh giá</source>
            <translation>Open the evaluation sheet</translation>
        </message>
        <message>
            <source>Đánh giá năm {year} — {unit}</source>
            <translation>Evaluation {year} — {unit}</translation>
        </message>
        <message>
            <source>Công nhận mới</source>
            <translation>Newly recognised</translation>
        </message>
        <message>
            <source>Công nhận duy trì</source>
            <translation>Recognition maintained</translation>
        </message>
        <message>
            <source>Tổ được công nhận qua các năm</source>
            <translation>Recognised groups by year</translation>
        </message>
        <message>
            <source>Chỉ tiêu năm</source>
            <translation>Yearly target</translation>
        </message>
        <message>
            <source>Năm {year}</source>
            <translation>Year {year}</translation>
        </message>
        <message>
            <source>Công nhận</source>
            <translation>Recognised</translation>
        </message>
        <message>
            <source>Theo phường/xã năm {year}</source>
            <translation>By ward/commune, {year}</translation>
        </message>
        <message>
            <source>Năm {year} chưa có tổ nào đăng ký.</source>
            <translation>No group has registered for {year} yet.</translation>
        </message>
        <message>
            <source>Tỷ lệ tổ đạt từng tiêu chí ({n} tổ được đánh giá)</source>
            <translation>Share of groups meeting each criterion ({n} groups evaluated)</translation>
        </message>
        <message>
            <source>Năm {year} chưa có tổ nào được đánh giá.</source>
            <translation>No group has been evaluated for {year} yet.</translation>
        </message>
        <message>
            <source>Năm {year} chưa có bộ tiêu chí.</source>
            <translation>There is no criteria framework for {year} yet.</translation>
        </message>
        <message>
            <source>Tỷ lệ tổ đạt</source>
            <translation>Groups meeting it</translation>
        </message>
        <message>
            <source>{label} ({count})</source>
            <translation>{label} ({count})</translation>
        </message>
        <message>
            <source>{count} tổ</source>
            <translation>{count} groups</translation>
        </message>
        <message>
            <source>Chỉ các tổ đã được công nhận</source>
            <translation>Recognised groups only</translation>
        </message>
        <message>
            <source>Bỏ chọn để xem cả các tổ đã đăng ký nhưng chưa được công nhận</source>
            <translation>Untick to include the groups that registered but were not recognised</translation>
        </message>
        <message>
            <source>Sao chép</source>
            <translation>Copy</translation>
        </message>
        <message>
            <source>Chép danh sách các tiêu chí có tổ chưa đạt để dán vào báo cáo</source>
            <translation>Copy the criteria with failing groups, to paste into a report</translation>
        </message>
        <message>
            <source>Tiêu chí / Tổ chưa đạt theo phường, xã</source>
            <translation>Criterion / failing groups by ward</translation>
        </message>
        <message>
            <source>Số tổ</source>
            <translation>Groups</translation>
        </message>
        <message>
            <source>Tiêu chí chưa đạt năm {year}</source>
            <translation>Criteria not met in {year}</translation>
        </message>
        <message>
            <source>Tiêu chí chưa đạt năm {year} (các tổ đã đăng ký)</source>
            <translation>Criteria not met in {year} (registered groups)</translation>
        </message>
        <message>
            <source>Không có tổ nào chưa đạt tiêu chí.</source>
            <translation>No group fails any criterion.</translation>
        </message>
        <message>
            <source>Tiêu chí {code} ({name}): {groups}.</source>
            <translation>Criterion {code} ({name}): {groups}.</translation>
        </message>
        <message>
            <source>Tiêu chí {code}: {groups}.</source>
            <translation>Criterion {code}: {groups}.</translation>
        </message>
        <message>
            <source>Đã sao chép {n} dòng.</source>
            <translation>Copied {n} lines.</translation>
        </message>
        <message>
            <source>Chọn một tổ dân phố hoặc bản để xem hồ sơ.</source>
            <translation>Choose a residential group to see its profile.</translation>
        </message>
        <message>
            <source>Không có người kiêm nhiệm từ hai chức danh trở lên.</source>
            <translation>Nobody holds two or more roles.</translation>
        </message>
        <message>
            <source>Số hộ:</source>
            <translation>Households:</translation>
        </message>
        <message>
            <source>Gia đình văn hóa:</source>
            <translation>Cultural families:</translation>
        </message>
        <message>
            <source>Hộ nghèo:</source>
            <translation>Poor households:</translation>
        </message>
        <message>
            <source>Hộ cận nghèo:</source>
            <translation>Near-poor households:</translation>
        </message>
        <message>
            <source>Ký cam kết ANTT:</source>
            <translation>Signed public-order commitment:</translation>
        </message>
        <message>
            <source>Có thiết bị lưu chứa rác:</source>
            <translation>Have a waste container:</translation>
        </message>
        <message>
            <source>Sinh con thứ ba:</source>
            <translation>Third child born:</translation>
        </message>
        <message>
            <source>Kiêm nhiệm: {people}</source>
            <translation>Holding several roles: {people}</translation>
        </message>
        <message>
            <source>Lưu hồ sơ (Ctrl+S)</source>
            <translation>Save the profile (Ctrl+S)</translation>
        </message>
        <message>
            <source>Chỉ số hộ gia đình (tính từ hồ sơ hộ)</source>
            <translation>Household indicators (from the household records)</translation>
        </message>
        <message>
            <source>Cán bộ chủ chốt</source>
            <translation>Key officials</translation>
        </message>
        <message>
            <source>Chức danh</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Thêm người</source>
            <translation>Add person</translation>
        </message>
        <message>
            <source>Xóa dòng</source>
            <translation>Remove row</translation>
        </message>
        <message>
            <source>Kết quả trong năm</source>
            <translation>Results of the year</translation>
        </message>
        <message>
            <source>Xếp loại chi bộ:</source>
            <translation>Party cell rating:</translation>
        </message>
        <message>
            <source>Phát triển kinh tế</source>
            <translation>Economic development</translation>
        </message>
        <message>
            <source>Mỗi dòng một mục</source>
            <translation>One item per line</translation>
        </message>
        <message>
            <source>{unit} — năm {year}</source>
            <translation>{unit} — {year}</translation>
        </message>
        <message>
            <source>Chủ hộ</source>
            <translation>Head of household</translation>
        </message>
        <message>
            <source>Họ và tên chủ hộ</source>
            <translation>Full name of the head of household</translation>
        </message>
        <message>
            <source>Tổ dân phố hoặc bản của năm đang xem</source>
            <translation>Residential group in the year shown</translation>
        </message>
        <message>
            <source>Địa chỉ</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>NK</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Số nhân khẩu</source>
            <translation>Number of people in the household</translation>
        </message>
        <message>
            <source>Dân tộc</source>
            <translation>Ethnicity</translation>
        </message>
        <message>
            <source>Dân tộc của chủ hộ</source>
            <translation>Ethnicity of the head of household</translation>
        </message>
        <message>
            <source>Năm sinh chủ hộ</source>
            <translation>Birth year of the head of household</translation>
        </message>
        <message>
            <source>Điện thoại</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Số điện thoại</source>
            <translation>Phone number</translation>
        </message>
        <message>
            <source>VH</source>
            <translation>CF</translation>
        </message>
        <message>
            <source>Gia đình văn hóa</source>
            <translation>Cultural family</translation>
        </message>
        <message>
            <source>Nghèo</source>
            <translation>Poor</translation>
        </message>
        <message>
            <source>N: hộ nghèo, CN: hộ cận nghèo</source>
            <translation>P: poor household, NP: near-poor household</translation>
        </message>
        <message>
            <source>ANTT</source>
            <translation>Order</translation>
        </message>
        <message>
            <source>Đã ký cam kết an ninh trật tự</source>
            <translation>Signed the security and public-order commitment</translation>
        </message>
        <message>
            <source>Rác</source>
            <translation>Waste</translation>
        </message>
        <message>
            <source>Có thiết bị lưu chứa rác thải</source>
            <translation>Has a waste container</translation>
        </message>
        <message>
            <source>Con 3</source>
            <translation>3rd child</translation>
        </message>
        <message>
            <source>Sinh con thứ ba trong năm</source>
            <translation>Third child born in the year</translation>
        </message>
        <message>
            <source>N</source>
            <translation>P</translation>
        </message>
        <message>
            <source>CN</source>
            <translation>NP</translation>
        </message>
        <message>
            <source>Chưa nhập tình trạng của năm này</source>
            <translation>No status entered for this year</translation>
        </message>
        <message>
            <source>Tìm chủ hộ, thành viên, địa chỉ, điện thoại… (Ctrl+F)</source>
            <translation>Search heads, members, addresses, phone numbers… (Ctrl+F)</translation>
        </message>
        <message>
            <source>Đúng dấu</source>
            <translation>Exact accents</translation>
        </message>
        <message>
            <source>Chỉ tìm đúng chữ đã gõ, kể cả dấu</source>
            <translation>Find only the text exactly as typed, accents included</translation>
        </message>
        <message>
            <source>Lọc</source>
            <translation>Filter</translation>
        </message>
        <message>
            <source>Sửa hộ…</source>
            <translation>Edit household…</translation>
        </message>
        <message>
            <source>Xóa hộ</source>
            <translation>Delete household</translation>
        </message>
        <message>
            <source>Chuyển sang tổ/bản khác…</source>
            <translation>Move to another group…</translation>
        </message>
        <message>
            <source>Đặt tình trạng cho các hộ đã chọn…</source>
            <translation>Set a status for the selected households…</translation>
        </message>
        <message>
            <source>Chọn tất cả hộ trong danh sách</source>
            <translation>Select all households in the list</translation>
        </message>
        <message>
            <source>{count} hộ</source>
            <translation>Households: {count}</translation>
        </message>
        <message>
            <source>Lọc ({count})</source>
            <translation>Filter ({count})</translation>
        </message>
        <message>
            <source>Không thực hiện được</source>
            <translation>Could not be done</translation>
        </message>
        <message>
            <source>Chưa có tổ dân phố</source>
            <translation>No residential groups</translation>
        </message>
        <message>
            <source>Năm này chưa có tổ dân phố hoặc bản để thêm hộ.</source>
            <translation>This year has no residential group to add a household to.</translation>
        </message>
        <message>
            <source>Không</source>
            <translation>None</translation>
        </message>
        <message>
            <source>Xóa {count} hộ ({names})?
Có thể hoàn tác bằng Ctrl+Z.</source>
            <translation>Delete the selected households ({count}): {names}?
You can undo this with Ctrl+Z.</translation>
        </message>
        <message>
            <source>Chuyển hộ</source>
            <translation>Move households</translation>
        </message>
        <message>
            <source>Chuyển sang tổ dân phố/bản:</source>
            <translation>Move to residential group:</translation>
        </message>
        <message>
            <source>Đặt tình trạng cho {count} hộ</source>
            <translation>Setting a status on {count} households</translation>
        </message>
        <message>
            <source>Gia đình học tập</source>
            <translation>Learning family</translation>
        </message>
        <message>
            <source>Nhà sạch, vườn đẹp</source>
            <translation>Clean house, beautiful garden</translation>
        </message>
        <message>
            <source>Ký cam kết ANTT</source>
            <translation>Signed public-order commitment</translation>
        </message>
        <message>
            <source>Ký cam kết quy tắc đô thị</source>
            <translation>Signed urban-rules commitment</translation>
        </message>
        <message>
            <source>Có thiết bị lưu chứa rác</source>
            <translation>Has a waste container</translation>
        </message>
        <message>
            <source>Sinh con thứ ba</source>
            <translation>Third child born</translation>
        </message>
        <message>
            <source>Hộ nghèo</source>
            <translation>Poor household</translation>
        </message>
        <message>
            <source>Hộ cận nghèo</source>
            <translation>Near-poor household</translation>
        </message>
        <message>
            <source>Chưa xếp loại</source>
            <translation>Not rated</translation>
        </message>
        <message>
            <source>Hoàn thành xuất sắc nhiệm vụ</source>
            <translation>Fulfilled duties excellently</translation>
        </message>
        <message>
            <source>Hoàn thành tốt nhiệm vụ</source>
            <translation>Fulfilled duties well</translation>
        </message>
        <message>
            <source>Hoàn thành nhiệm vụ</source>
            <translation>Fulfilled duties</translation>
        </message>
        <message>
            <source>Không hoàn thành nhiệm vụ</source>
            <translation>Did not fulfil duties</translation>
        </message>
        <message>
            <source>thành phố</source>
            <translation>city</translation>
        </message>
        <message>
            <source>phường</source>
            <translation>ward</translation>
        </message>
        <message>
            <source>xã</source>
            <translation>commune</translation>
        </message>
        <message>
            <source>tổ dân phố</source>
            <translation>residential group</translation>
        </message>
        <message>
            <source>bản</source>
            <translation>village</translation>
        </message>
        <message>
            <source>Chưa đạt gia đình văn hóa</source>
            <translation>Not a cultural family</translation>
        </message>
        <message>
            <source>Chưa ký cam kết ANTT</source>
            <translation>Public-order commitment not signed</translation>
        </message>
        <message>
            <source>Chưa ký cam kết quy tắc đô thị</source>
            <translation>Urban-rules commitment not signed</translation>
        </message>
        <message>
            <source>Chưa có thiết bị lưu chứa rác</source>
            <translation>No waste container</translation>
        </message>
        <message>
            <source>Chưa nhập tình trạng năm</source>
            <translation>Status of the year not entered</translation>
        </message>
        <message>
            <source>Đạt danh hiệu Tổ dân phố/Bản văn hóa</source>
            <translation>Awarded the title of cultural residential group/village</translation>
        </message>
        <message>
            <source>Đạt danh hiệu An toàn về an ninh, trật tự</source>
            <translation>Awarded the title of safe in security and public order</translation>
        </message>
        <message>
            <source>Thành viên tổ bảo vệ ANTT ở cơ sở</source>
            <translation>Members of the grassroots security team</translation>
        </message>
        <message>
            <source>Hòa giải viên</source>
            <translation>Mediators</translation>
        </message>
        <message>
            <source>Vụ việc hòa giải tiếp nhận</source>
            <translation>Mediation cases received</translation>
        </message>
        <message>
            <source>Vụ việc hòa giải thành</source>
            <translation>Mediation cases settled</translation>
        </message>
        <message>
            <source>Tuyến phố văn minh</source>
            <translation>Civilised streets</translation>
        </message>
        <message>
            <source>Tuyến phố chưa đạt văn minh</source>
            <translation>Streets not yet civilised</translation>
        </message>
        <message>
            <source>Tổ tự quản đường phố xanh, sạch, đẹp</source>
            <translation>Self-managed green, clean and beautiful street teams</translation>
        </message>
        <message>
            <source>Vụ khiếu kiện đông người</source>
            <translation>Mass complaints</translation>
        </message>
        <message>
            <source>Vụ vi phạm pháp luật</source>
            <translation>Law violations</translation>
        </message>
        <message>
            <source>Trẻ em tử vong do tai nạn</source>
            <translation>Child deaths from accidents</translation>
        </message>
        <message>
            <source>Mô hình phát triển kinh tế</source>
            <translation>Economic development models</translation>
        </message>
        <message>
            <source>Sản phẩm OCOP</source>
            <translation>OCOP products</translation>
        </message>
        <message>
            <source>Số tổ dân phố, bản:</source>
            <translation>Residential groups:</translation>
        </message>
        <message>
            <source>Đăng ký phấn đấu:</source>
            <translation>Registered for recognition:</translation>
        </message>
        <message>
            <source>Được công nhận:</source>
            <translation>Recognised:</translation>
        </message>
        <message>
            <source>Chỉ tiêu năm:</source>
            <translation>Target for the year:</translation>
        </message>
        <message>
            <source>Chỉ tiêu giai đoạn:</source>
            <translation>Target for the period:</translation>
        </message>
        <message>
            <source>Chưa đặt chỉ tiêu</source>
            <translation>No target set</translation>
        </message>
        <message>
            <source>{target} — đạt {share}</source>
            <translation>{target} — {share} achieved</translation>
        </message>
        <message>
            <source>{total} (mới {new}, duy trì {maintained})</source>
            <translation>{total} ({new} new, {maintained} maintained)</translation>
        </message>
        <message>
            <source>Năm xem số liệu</source>
            <translation>Year of the figures shown</translation>
        </message>
        <message>
            <source>Công cụ</source>
            <translation>Tools</translation>
        </message>
        <message>
            <source>Năm: </source>
            <translation>Year: </translation>
        </message>
        <message>
            <source>Hộ gia đình</source>
            <translation>Households</translation>
        </message>
        <message>
            <source>Hồ sơ tổ</source>
            <translation>Group profile</translation>
        </message>
        <message>
            <source>Tổng hợp</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Đánh giá</source>
            <translation>Evaluation</translation>
        </message>
        <message>
            <source>Tiêu chí chưa đạt</source>
            <translation>Criteria not met</translation>
        </message>
        <message>
            <source>Tệp dữ liệu: {path}</source>
            <translation>Data file: {path}</translation>
        </message>
        <message>
            <source>Hộ mới</source>
            <translation>New household</translation>
        </message>
        <message>
            <source>Thêm hộ mới vào tổ đang chọn (Ctrl+N)</source>
            <translation>Add a new household to the selected group (Ctrl+N)</translation>
        </message>
        <message>
            <source>Hoàn tác</source>
            <translation>Undo</translation>
        </message>
        <message>
            <source>Làm lại</source>
            <translation>Redo</translation>
        </message>
        <message>
            <source>Tìm hộ</source>
            <translation>Find household</translation>
        </message>
        <message>
            <source>Xuất gửi thành phố</source>
            <translation>Export for the city</translation>
        </message>
        <message>
            <source>Xuất dữ liệu gửi thành phố (chưa có trong phiên bản này)</source>
            <translation>Export the data to send to the city (not available in this version yet)</translation>
        </message>
        <message>
            <source>Nhập</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Nhập gói dữ liệu (chưa có trong phiên bản này)</source>
            <translation>Import a data package (not available in this version yet)</translation>
        </message>
        <message>
            <source>In báo cáo, giấy công nhận (Ctrl+P)</source>
            <translation>Print reports, recognition certificates (Ctrl+P)</translation>
        </message>
        <message>
            <source>&amp;Tệp</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Thoát</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Sửa</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>Đá&amp;nh giá</source>
            <translation>E&amp;valuation</translation>
        </message>
        <message>
            <source>&amp;Bảng đánh giá của năm</source>
            <translation>The year's evaluation &amp;board</translation>
        </message>
        <message>
            <source>&amp;Tiêu chí chưa đạt</source>
            <translation>&amp;Criteria not met</translation>
        </message>
        <message>
            <source>&amp;Phiếu đánh giá của tổ đang chọn…</source>
            <translation>Evaluation &amp;sheet of the selected group…</translation>
        </message>
        <message>
            <source>Bộ &amp;tiêu chí…</source>
            <translation>Criteria &amp;frameworks…</translation>
        </message>
        <message>
            <source>Ra &amp;quyết định công nhận…</source>
            <translation>Record the recognition &amp;decision…</translation>
        </message>
        <message>
            <source>&amp;Kiểm tra giấy công nhận…</source>
            <translation>&amp;Check a recognition certificate…</translation>
        </message>
        <message>
            <source>&amp;Cài đặt</source>
            <translation>&amp;Settings</translation>
        </message>
        <message>
            <source>&amp;Ngôn ngữ</source>
            <translation>&amp;Language</translation>
        </message>
        <message>
            <source>Trợ &amp;giúp</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;Phím tắt</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
        <message>
            <source>&amp;Giới thiệu</source>
            <translation>&amp;About</translation>
        </message>
        <message>
            <source>Năm {year} chưa có dữ liệu đơn vị. Hãy tạo dữ liệu mẫu hoặc thiết lập đơn vị.</source>
            <translation>There are no units for {year} yet. Create the demo data or set up the units.</translation>
        </message>
        <message>
            <source>Hồ sơ tổ chưa lưu</source>
            <translation>Group profile not saved</translation>
        </message>
        <message>
            <source>Hồ sơ tổ dân phố/bản có thay đổi chưa lưu. Lưu lại?</source>
            <translation>The residential group's profile has unsaved changes. Save them?</translation>
        </message>
        <message>
            <source>Chọn một đơn vị trong cây bên trái.</source>
            <translation>Choose a unit in the tree on the left.</translation>
        </message>
        <message>
            <source>Phiếu đánh giá</source>
            <translation>Evaluation sheet</translation>
        </message>
        <message>
            <source>Chọn một tổ dân phố hoặc bản trong cây bên trái.</source>
            <translation>Choose a residential group in the tree on the left.</translation>
        </message>
        <message>
            <source>Báo cáo tổng hợp thành phố năm {year}</source>
            <translation>City summary report {year}</translation>
        </message>
        <message>
            <source>Báo cáo tổng hợp của {ward} năm {year}</source>
            <translation>Summary report of {ward}, {year}</translation>
        </message>
        <message>
            <source>Giấy công nhận năm {year} — {scope}</source>
            <translation>Recognition certificates {year} — {scope}</translation>
        </message>
        <message>
            <source>Giấy công nhận</source>
            <translation>Recognition certificates</translation>
        </message>
        <message>
            <source>Giấy công nhận năm {year} đã được cấp cho tất cả các tổ dân phố, bản được công nhận. In lại? Mỗi bản in lại được ghi vào sổ cấp.</source>
            <translation>The {year} recognition certificates have been issued to every recognised residential group and village. Print them again? Each reprint is recorded in the register.</translation>
        </message>
        <message>
            <source>In lại</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <source>Không in</source>
            <translation>Don't print</translation>
        </message>
        <message>
            <source>Năm {year} không có tổ dân phố, bản nào được công nhận.</source>
            <translation>No residential group or village was recognised in {year}.</translation>
        </message>
        <message>
            <source>Giấy công nhận năm {year} (in lại)</source>
            <translation>Recognition certificates {year} (reprint)</translation>
        </message>
        <message>
            <source>Giấy công nhận năm {year}</source>
            <translation>Recognition certificates {year}</translation>
        </message>
        <message>
            <source>Đang tạo {title}…</source>
            <translation>Creating {title}…</translation>
        </message>
        <message>
            <source>Văn phòng: {unit}</source>
            <translation>Office: {unit}</translation>
        </message>
        <message>
            <source>UBND thành phố</source>
            <translation>City People's Committee</translation>
        </message>
        <message>
            <source>UBND {unit}</source>
            <translation>People's Committee of {unit}</translation>
        </message>
        <message>
            <source>Chưa gửi: {n} thay đổi</source>
            <translation>Not sent: {n} changes</translation>
        </message>
        <message>
            <source>(chưa có tên)</source>
            <translation>(no name yet)</translation>
        </message>
        <message>
            <source>Khôi phục bản nháp</source>
            <translation>Restore draft</translation>
        </message>
        <message>
            <source>Lần trước chương trình đóng khi phiếu hộ "{name}" chưa được lưu.
Mở lại phiếu đó để lưu tiếp?</source>
            <translation>Last time the program closed while the household form "{name}" was not saved.
Reopen that form to finish it?</translation>
        </message>
        <message>
            <source>{app} — phiên bản {version}</source>
            <translation>{app} — version {version}</translation>
        </message>
        <message>
            <source>Hồ sơ tổ dân phố, bản tự quản, phát triển toàn diện.</source>
            <translation>Records of self-managed, comprehensively developed residential groups.</translation>
        </message>
        <message>
            <source>Phiên bản lược đồ dữ liệu: {version}</source>
            <translation>Data schema version: {version}</translation>
        </message>
        <message>
            <source>trong bộ nhớ</source>
            <translation>in memory</translation>
        </message>
        <message>
            <source>Giới thiệu {app}</source>
            <translation>About {app}</translation>
        </message>
        <message>
            <source>Ngôn ngữ</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Ngôn ngữ giao diện sẽ là {language} từ lần khởi động chương trình sau.</source>
            <translation>The interface will be in {language} from the next start of the program.</translation>
        </message>
        <message>
            <source>Thêm hộ mới vào tổ đang chọn</source>
            <translation>Add a new household to the selected group</translation>
        </message>
        <message>
            <source>Tìm hộ (đến ô tìm kiếm)</source>
            <translation>Find a household (go to the search box)</translation>
        </message>
        <message>
            <source>Trong ô tìm kiếm: tìm ngay và chuyển xuống danh sách hộ</source>
            <translation>In the search box: search now and move to the household list</translation>
        </message>
        <message>
            <source>Sửa hộ đang chọn trong danh sách</source>
            <translation>Edit the selected household in the list</translation>
        </message>
        <message>
            <source>Xóa các hộ đã chọn (có hỏi lại)</source>
            <translation>Delete the selected households (asks first)</translation>
        </message>
        <message>
            <source>Đặt tình trạng cho các hộ đã chọn</source>
            <translation>Set a status for the selected households</translation>
        </message>
        <message>
            <source>In báo cáo, giấy công nhận (có xem trước)</source>
            <translation>Print reports, recognition certificates (with preview)</translation>
        </message>
        <message>
            <source>Lưu phiếu hộ hoặc hồ sơ tổ (trong phiếu hộ, Enter cũng lưu)</source>
            <translation>Save the household form or the group profile (Enter also saves the household form)</translation>
        </message>
        <message>
            <source>Phiếu hộ: lưu rồi nhập hộ tiếp theo cùng tổ</source>
            <translation>Household form: save, then enter the next household of the same group</translation>
        </message>
        <message>
            <source>Đóng phiếu hộ (hỏi trước khi bỏ thay đổi)</source>
            <translation>Close the household form (asks before discarding changes)</translation>
        </message>
        <message>
            <source>Xem các phím tắt này</source>
            <translation>Show these keyboard shortcuts</translation>
        </message>
        <message>
            <source>Thoát chương trình</source>
            <translation>Quit the program</translation>
        </message>
        <message>
            <source>Bỏ thay đổi?</source>
            <translation>Discard changes?</translation>
        </message>
        <message>
            <source>Các thay đổi chưa được lưu. Bỏ các thay đổi này?</source>
            <translation>The changes have not been saved. Discard them?</translation>
        </message>
        <message>
            <source>Bỏ thay đổi</source>
            <translation>Discard changes</translation>
        </message>
        <message>
            <source>Tiếp tục sửa</source>
            <translation>Keep editing</translation>
        </message>
        <message>
            <source>Đơn vị</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>Mới</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Duy trì</source>
            <translation>Maintained</translation>
        </message>
        <message>
            <source>Tổng: {value}</source>
            <translation>Total: {value}</translation>
        </message>
        <message>
            <source>Chỉ tiêu</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>Chưa có số liệu</source>
            <translation>No data yet</translation>
        </message>
        <message>
            <source>In báo cáo, giấy công nhận (chưa có trong phiên bản này)</source>
            <translation type="vanished">Print reports and recognition certificates (not available in this version yet)</translation>
        </message>
    </context>
</TS>
