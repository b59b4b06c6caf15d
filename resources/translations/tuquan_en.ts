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
            <source>Lưu</source>
            <translation>Save</translation>
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
            <source>Bỏ thay đổi?</source>
            <translation>Discard changes?</translation>
        </message>
        <message>
            <source>Các thay đổi chưa được lưu. Bỏ các thay đổi này?</source>
            <translation>The changes have not been saved. Discard them?</translation>
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
            <source>Đóng</source>
            <translation>Close</translation>
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
            <source>Tổ/Bản</source>
            <translation>Group</translation>
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
            <source>Không</source>
            <translation>None</translation>
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
            <source>Công nhận mới</source>
            <translation>Newly recognised</translation>
        </message>
        <message>
            <source>Công nhận duy trì</source>
            <translation>Recognition maintained</translation>
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
            <source>In</source>
            <translation>Print</translation>
        </message>
        <message>
            <source>In báo cáo, giấy công nhận (chưa có trong phiên bản này)</source>
            <translation>Print reports and recognition certificates (not available in this version yet)</translation>
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
            <source>Đơn vị</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>Số hộ</source>
            <translation>Households</translation>
        </message>
        <message>
            <source>Công nhận</source>
            <translation>Recognised</translation>
        </message>
        <message>
            <source>Mới</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Duy trì</source>
            <translation>Maintained</translation>
        </message>
    </context>
</TS>
