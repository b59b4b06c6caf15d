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
            <source>Thiết lập từ gói của thành phố</source>
            <translation>Set up from the city's package</translation>
        </message>
        <message>
            <source>Máy của phường, xã: chọn "Thiết lập từ gói của thành phố" nếu đã nhận gói thiết lập và mật khẩu từ Phòng Nội vụ thành phố.</source>
            <translation>A ward's machine: choose "Set up from the city's package" if you have received the set-up package and its passphrase from the city's Home Affairs Office.</translation>
        </message>
        <message>
            <source>Tạo dữ liệu mẫu thành phố Lai Châu</source>
            <translation>Building the demo data of Lai Châu city</translation>
        </message>
        <message>
            <source>Đã xảy ra lỗi không mong muốn: {error}

Dữ liệu đã lưu không bị ảnh hưởng; thao tác vừa làm có thể chưa được thực hiện. Chi tiết lỗi đã được ghi vào tệp nhật ký:
{path}

Nếu lỗi lặp lại, hãy gửi tệp này cho cán bộ kỹ thuật (Trợ giúp → Mở tệp nhật ký).</source>
            <translation>An unexpected error occurred: {error}

The data already saved is not affected; what you just did may not have been carried out. The details of the error were written to the log file:
{path}

If the error happens again, send this file to your technical support (Help → Open the log file).</translation>
        </message>
        <message>
            <source>Sao lưu tự động không thành công: {error}</source>
            <translation>Automatic backup failed: {error}</translation>
        </message>
        <message>
            <source>Đã sao lưu tự động lúc {time}</source>
            <translation>Backed up automatically at {time}</translation>
        </message>
        <message>
            <source>Không sao lưu được khi thoát. Dữ liệu đã lưu vẫn nguyên vẹn trong tệp {path}; hãy sao lưu bằng tay (Tệp → Sao lưu và khôi phục) ở lần mở sau.</source>
            <translation>The backup on exit failed. The saved data is intact in the file {path}; make a backup by hand (File → Backups and restore) next time you open the program.</translation>
        </message>
        <message>
            <source>Chưa chép bản sao lưu vào {folder} vì chưa đặt mật khẩu cho bản sao mang ra ngoài (bản sao ra USB được mã hóa). Quản trị viên hãy đặt ở Tệp → Sao lưu và khôi phục.</source>
            <translation>No backup was copied to {folder} because no passphrase is set for copies taken outside (copies to a USB stick are encrypted). The administrator should set it in File → Backups and restore.</translation>
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
            <source>Nhập {count} hộ từ {file}</source>
            <translation>Import {count} households from {file}</translation>
        </message>
        <message>
            <source>Giới thiệu {app}</source>
            <translation>About {app}</translation>
        </message>
        <message>
            <source>trong bộ nhớ</source>
            <translation>in memory</translation>
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
            <source>Tệp dữ liệu: {path}</source>
            <translation>Data file: {path}</translation>
        </message>
        <message>
            <source>Phiên bản lược đồ dữ liệu: {version}</source>
            <translation>Data schema version: {version}</translation>
        </message>
        <message>
            <source>Tệp nhật ký: {path}</source>
            <translation>Log file: {path}</translation>
        </message>
        <message>
            <source>Python {python}, Qt {qt}</source>
            <translation>Python {python}, Qt {qt}</translation>
        </message>
        <message>
            <source>Tệp nhật ký</source>
            <translation>Log file</translation>
        </message>
        <message>
            <source>Chưa có tệp nhật ký. Chương trình sẽ ghi nhật ký vào:
{path}</source>
            <translation>There is no log file yet. The program will write its log to:
{path}</translation>
        </message>
        <message>
            <source>Không mở được tệp nhật ký. Hãy mở bằng tay tệp:
{path}</source>
            <translation>The log file could not be opened. Open this file yourself:
{path}</translation>
        </message>
        <message>
            <source>Cán bộ phường, xã</source>
            <translation>Ward officer</translation>
        </message>
        <message>
            <source>Cán bộ thành phố</source>
            <translation>City officer</translation>
        </message>
        <message>
            <source>Chỉ xem và in</source>
            <translation>View and print only</translation>
        </message>
        <message>
            <source>Quản trị thành phố</source>
            <translation>City administrator</translation>
        </message>
        <message>
            <source>Tên đăng nhập</source>
            <translation>User name</translation>
        </message>
        <message>
            <source>Họ và tên</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Vai trò</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Phường, xã</source>
            <translation>Ward</translation>
        </message>
        <message>
            <source>Trạng thái</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Đăng nhập lần cuối</source>
            <translation>Last sign-in</translation>
        </message>
        <message>
            <source>Mật khẩu hiện tại:</source>
            <translation>Current password:</translation>
        </message>
        <message>
            <source>Mật khẩu mới:</source>
            <translation>New password:</translation>
        </message>
        <message>
            <source>Nhập lại mật khẩu mới:</source>
            <translation>New password again:</translation>
        </message>
        <message>
            <source>Lưu mật khẩu</source>
            <translation>Save password</translation>
        </message>
        <message>
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
            <translation>The two new passwords typed are not the same.</translation>
        </message>
        <message>
            <source>Thêm tài khoản</source>
            <translation>Add account</translation>
        </message>
        <message>
            <source>Tên đăng nhập:</source>
            <translation>User name:</translation>
        </message>
        <message>
            <source>Họ và tên:</source>
            <translation>Full name:</translation>
        </message>
        <message>
            <source>Vai trò:</source>
            <translation>Role:</translation>
        </message>
        <message>
            <source>Phường, xã:</source>
            <translation>Ward/commune:</translation>
        </message>
        <message>
            <source>Mật khẩu:</source>
            <translation>Passphrase:</translation>
        </message>
        <message>
            <source>Nhập lại mật khẩu:</source>
            <translation>Password again:</translation>
        </message>
        <message>
            <source>Thêm</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Hai lần nhập mật khẩu không giống nhau.</source>
            <translation>The two passwords typed are not the same.</translation>
        </message>
        <message>
            <source>Tài khoản</source>
            <translation>Accounts</translation>
        </message>
        <message>
            <source>Thêm tài khoản…</source>
            <translation>Add account…</translation>
        </message>
        <message>
            <source>Đặt lại mật khẩu…</source>
            <translation>Reset password…</translation>
        </message>
        <message>
            <source>Khóa tài khoản</source>
            <translation>Disable account</translation>
        </message>
        <message>
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Đã khóa</source>
            <translation>Disabled</translation>
        </message>
        <message>
            <source>Đang dùng</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Chưa đăng nhập</source>
            <translation>Never signed in</translation>
        </message>
        <message>
            <source>Mở khóa tài khoản</source>
            <translation>Enable account</translation>
        </message>
        <message>
            <source>Không</source>
            <translation>None</translation>
        </message>
        <message>
            <source>Đặt lại mật khẩu</source>
            <translation>Reset password</translation>
        </message>
        <message>
            <source>Mật khẩu mới cho {name}. Hãy báo cho người đó và đề nghị đổi lại ngay khi đăng nhập (Cài đặt → Đổi mật khẩu).</source>
            <translation>New password for {name}. Tell them, and ask them to change it as soon as they sign in (Settings → Change password).</translation>
        </message>
        <message>
            <source>Khóa tài khoản {name}? Người này sẽ không đăng nhập được nữa; các thay đổi họ đã làm vẫn được giữ trong nhật ký.</source>
            <translation>Disable the account {name}? This person will no longer be able to sign in; the changes they made stay in the log.</translation>
        </message>
        <message>
            <source>Đổi mật khẩu</source>
            <translation>Change password</translation>
        </message>
        <message>
            <source>Đổi mật khẩu của {name}.</source>
            <translation>Change the password of {name}.</translation>
        </message>
        <message>
            <source>Thời gian</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Người sửa</source>
            <translation>Changed by</translation>
        </message>
        <message>
            <source>Việc</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Bản ghi</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Thay đổi</source>
            <translation>Changes</translation>
        </message>
        <message>
            <source>Hộ gia đình</source>
            <translation>Households</translation>
        </message>
        <message>
            <source>Thành viên hộ</source>
            <translation>Household members</translation>
        </message>
        <message>
            <source>Tình trạng hằng năm của hộ</source>
            <translation>Households' yearly statuses</translation>
        </message>
        <message>
            <source>Hồ sơ tổ dân phố, bản</source>
            <translation>Group profiles</translation>
        </message>
        <message>
            <source>Cán bộ tổ dân phố, bản</source>
            <translation>Group officers</translation>
        </message>
        <message>
            <source>Kết quả đánh giá tiêu chí</source>
            <translation>Criteria results</translation>
        </message>
        <message>
            <source>Duyệt các bước đánh giá</source>
            <translation>Approvals of evaluation stages</translation>
        </message>
        <message>
            <source>Tiêu chí</source>
            <translation>Criterion</translation>
        </message>
        <message>
            <source>{name} (máy khác)</source>
            <translation>{name} (other machine)</translation>
        </message>
        <message>
            <source>Nhật ký thay đổi</source>
            <translation>Change log</translation>
        </message>
        <message>
            <source>Từ ngày</source>
            <translation>From</translation>
        </message>
        <message>
            <source>đến ngày</source>
            <translation>to</translation>
        </message>
        <message>
            <source>Tìm trong việc, người sửa, nội dung (không cần dấu)</source>
            <translation>Search actions, people, contents (accents optional)</translation>
        </message>
        <message>
            <source>Xem mọi bản ghi</source>
            <translation>Show all records</translation>
        </message>
        <message>
            <source>Người sửa:</source>
            <translation>Changed by:</translation>
        </message>
        <message>
            <source>Loại bản ghi:</source>
            <translation>Kind of record:</translation>
        </message>
        <message>
            <source>Hộ {name}</source>
            <translation>Household {name}</translation>
        </message>
        <message>
            <source>Lịch sử thay đổi — hộ {name}</source>
            <translation>Change history — household {name}</translation>
        </message>
        <message>
            <source>Chỉ: {record}</source>
            <translation>Only: {record}</translation>
        </message>
        <message>
            <source>{count} mục</source>
            <translation>{count} entries</translation>
        </message>
        <message>
            <source>Không có mục nào khớp.</source>
            <translation>No entries match.</translation>
        </message>
        <message>
            <source>Thời gian: {time}</source>
            <translation>Time: {time}</translation>
        </message>
        <message>
            <source>Người sửa: {name}</source>
            <translation>Changed by: {name}</translation>
        </message>
        <message>
            <source>Việc: {action}</source>
            <translation>Action: {action}</translation>
        </message>
        <message>
            <source>Bản ghi: {record} ({id})</source>
            <translation>Record: {record} ({id})</translation>
        </message>
        <message>
            <source>Làm trên máy khác ({site}), nhận lúc {time}</source>
            <translation>Made on another machine ({site}), received at {time}</translation>
        </message>
        <message>
            <source>Sao lưu tay</source>
            <translation>Manual backup</translation>
        </message>
        <message>
            <source>Tự động (30 phút một lần)</source>
            <translation>Automatic (every 30 minutes)</translation>
        </message>
        <message>
            <source>Khi thoát chương trình</source>
            <translation>On exit</translation>
        </message>
        <message>
            <source>Bản thêm ra thư mục khác</source>
            <translation>Extra copy to another folder</translation>
        </message>
        <message>
            <source>Trước khi nâng cấp dữ liệu</source>
            <translation>Before a data upgrade</translation>
        </message>
        <message>
            <source>Trước khi nhập gói</source>
            <translation>Before importing a package</translation>
        </message>
        <message>
            <source>Trước khi khôi phục</source>
            <translation>Before a restore</translation>
        </message>
        <message>
            <source>Trước khi sửa lỗi dữ liệu</source>
            <translation>Before a data repair</translation>
        </message>
        <message>
            <source>Lý do</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Dung lượng</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Tình trạng</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Sao lưu và khôi phục</source>
            <translation>Backups and restore</translation>
        </message>
        <message>
            <source>&amp;Khôi phục bản này…</source>
            <translation>&amp;Restore this one…</translation>
        </message>
        <message>
            <source>Thay dữ liệu đang dùng bằng bản sao lưu đã chọn; dữ liệu hiện tại được sao lưu trước</source>
            <translation>Replace the data in use with the chosen backup; the current data is backed up first</translation>
        </message>
        <message>
            <source>&amp;Mở để xem</source>
            <translation>&amp;Open to look</translation>
        </message>
        <message>
            <source>Mở bản sao lưu đã chọn ở cửa sổ riêng, chỉ để xem</source>
            <translation>Open the chosen backup in a window of its own, read-only</translation>
        </message>
        <message>
            <source>&amp;Sao lưu ngay</source>
            <translation>&amp;Back up now</translation>
        </message>
        <message>
            <source>Sao lưu thêm vào &amp;thư mục…</source>
            <translation>Extra copy to a &amp;folder…</translation>
        </message>
        <message>
            <source>Chép một bản sao lưu mã hóa vào thư mục khác, ví dụ USB</source>
            <translation>Copy an encrypted backup to another folder, e.g. a USB stick</translation>
        </message>
        <message>
            <source>Đặt mật khẩu cho bản sao mang ra ng&amp;oài…</source>
            <translation>Set the passphrase for copies taken &amp;outside…</translation>
        </message>
        <message>
            <source>Bản sao chép ra ngoài thư mục dữ liệu được mã hóa bằng mật khẩu này (chỉ quản trị viên đặt)</source>
            <translation>Copies made outside the data folder are encrypted with this passphrase (set by the administrator only)</translation>
        </message>
        <message>
            <source>Khôi phục từ tệ&amp;p…</source>
            <translation>Restore from a fi&amp;le…</translation>
        </message>
        <message>
            <source>Khôi phục từ một tệp sao lưu chọn trên máy hoặc USB (ví dụ bản sao mã hóa mang từ máy khác)</source>
            <translation>Restore from a backup file chosen on this computer or a USB stick (e.g. an encrypted copy brought from another computer)</translation>
        </message>
        <message>
            <source>Thư mục sao lưu: {folder}</source>
            <translation>Backups folder: {folder}</translation>
        </message>
        <message>
            <source>Thư mục sao lưu thêm: {folder}</source>
            <translation>Extra backups folder: {folder}</translation>
        </message>
        <message>
            <source>Bản sao mang ra ngoài được mã hóa; mật khẩu đặt ngày {day}.</source>
            <translation>Copies taken outside are encrypted; passphrase set on {day}.</translation>
        </message>
        <message>
            <source>Chưa đặt mật khẩu cho bản sao mang ra ngoài: chưa chép được bản sao ra USB.</source>
            <translation>No passphrase is set for copies taken outside: no copy can be made to a USB stick yet.</translation>
        </message>
        <message>
            <source>Mã hóa, cần mật khẩu</source>
            <translation>Encrypted, needs the passphrase</translation>
        </message>
        <message>
            <source>Hỏng, không mở được</source>
            <translation>Damaged, does not open</translation>
        </message>
        <message>
            <source>Mở được</source>
            <translation>Opens</translation>
        </message>
        <message>
            <source>Đã sao lưu vào {path}</source>
            <translation>Backed up to {path}</translation>
        </message>
        <message>
            <source>Chọn thư mục nhận bản sao lưu (ví dụ USB)</source>
            <translation>Choose the folder for the backup (e.g. a USB stick)</translation>
        </message>
        <message>
            <source>Chỉ quản trị viên mới đặt được mật khẩu cho bản sao lưu.</source>
            <translation>Only an administrator can set the backup passphrase.</translation>
        </message>
        <message>
            <source>Đã đặt mật khẩu cho bản sao mang ra ngoài. Hãy ghi mật khẩu ra giấy và cất nơi an toàn.</source>
            <translation>The passphrase for copies taken outside is set. Write it on paper and keep it in a safe place.</translation>
        </message>
        <message>
            <source>Chưa đặt mật khẩu cho bản sao mang ra ngoài, nên chưa chép được bản sao ra thư mục khác. Hãy nhờ quản trị viên đặt mật khẩu.</source>
            <translation>No passphrase is set for copies taken outside, so no copy can be made to another folder. Ask the administrator to set one.</translation>
        </message>
        <message>
            <source>Đã chép bản sao lưu vào {path}</source>
            <translation>Copied the backup to {path}</translation>
        </message>
        <message>
            <source>Khôi phục bản sao lưu</source>
            <translation>Restore a backup</translation>
        </message>
        <message>
            <source>Thay toàn bộ dữ liệu đang dùng bằng bản sao lưu lúc {time} ({reason})?

Dữ liệu hiện tại được sao lưu trước (lý do "Trước khi khôi phục"), nên có thể lấy lại nếu cần. Mọi thay đổi sau thời điểm của bản sao lưu sẽ không còn trong dữ liệu đang dùng.</source>
            <translation>Replace all the data in use with the backup of {time} ({reason})?

The current data is backed up first (reason "Before a restore"), so it can be brought back if needed. Every change made after the time of the backup will no longer be in the data in use.</translation>
        </message>
        <message>
            <source>Khôi phục</source>
            <translation>Restore</translation>
        </message>
        <message>
            <source>Không khôi phục</source>
            <translation>Do not restore</translation>
        </message>
        <message>
            <source>Chọn tệp sao lưu để khôi phục</source>
            <translation>Choose the backup file to restore</translation>
        </message>
        <message>
            <source>Bản sao lưu (*{sealed} *.sqlite);;Mọi tệp (*)</source>
            <translation>Backups (*{sealed} *.sqlite);;All files (*)</translation>
        </message>
        <message>
            <source>Thay toàn bộ dữ liệu đang dùng bằng bản sao lưu {name}?

Dữ liệu hiện tại được sao lưu trước (lý do "Trước khi khôi phục"), nên có thể lấy lại nếu cần.</source>
            <translation>Replace all the data in use with the backup {name}?

The current data is backed up first (reason "Before a restore"), so it can be got back if needed.</translation>
        </message>
        <message>
            <source>Đã khôi phục từ {backup}.</source>
            <translation>Restored from {backup}.</translation>
        </message>
        <message>
            <source>Dữ liệu trước đó được cất vào {path}.</source>
            <translation>The data before it was kept in {path}.</translation>
        </message>
        <message>
            <source>Không mở lại được tệp dữ liệu sau khi khôi phục: {error}

Chương trình sẽ đóng; hãy mở lại. Các bản sao lưu vẫn nằm trong thư mục {folder}.</source>
            <translation>The data file could not be opened again after the restore: {error}

The program will close; please open it again. The backups are still in the folder {folder}.</translation>
        </message>
        <message>
            <source>Đang khôi phục dữ liệu từ bản sao lưu</source>
            <translation>Restoring the data from the backup</translation>
        </message>
        <message>
            <source>{app} — bản sao lưu lúc {time} (chỉ xem)</source>
            <translation>{app} — backup of {time} (read-only)</translation>
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
            <source>Đã chọn {count} hộ. Tình trạng năm {year} sẽ đặt là:</source>
            <translation>Households selected: {count}. Their {year} status will be set to:</translation>
        </message>
        <message>
            <source>Tình trạng:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <source>Lỗi</source>
            <translation>Error</translation>
        </message>
        <message>
            <source>Cảnh báo</source>
            <translation>Warning</translation>
        </message>
        <message>
            <source>Mức độ</source>
            <translation>Severity</translation>
        </message>
        <message>
            <source>Vấn đề</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>Số bản ghi</source>
            <translation>Records</translation>
        </message>
        <message>
            <source>Kiểm tra dữ liệu</source>
            <translation>Check the data</translation>
        </message>
        <message>
            <source>&amp;Kiểm tra lại</source>
            <translation>&amp;Check again</translation>
        </message>
        <message>
            <source>&amp;Sửa các lỗi sửa được</source>
            <translation>&amp;Repair what can be repaired</translation>
        </message>
        <message>
            <source>Chỉ sửa những gì tính lại được từ dữ liệu (chỉ mục tìm kiếm, khóa sắp xếp); sao lưu trước khi sửa</source>
            <translation>Repairs only what can be computed again from the data (search index, sort keys); backs up first</translation>
        </message>
        <message>
            <source>Đang kiểm tra dữ liệu</source>
            <translation>Checking the data</translation>
        </message>
        <message>
            <source>Sửa lỗi dữ liệu</source>
            <translation>Repair the data</translation>
        </message>
        <message>
            <source>Sửa {n} vấn đề sửa được an toàn? Chương trình sao lưu dữ liệu trước khi sửa; những vấn đề còn lại cần người có trách nhiệm xem xét.</source>
            <translation>Repair {n} problems that can be repaired safely? The program backs up the data first; the other problems need a responsible person to look at them.</translation>
        </message>
        <message>
            <source>Sửa</source>
            <translation>Changed</translation>
        </message>
        <message>
            <source>Không sửa</source>
            <translation>Do not repair</translation>
        </message>
        <message>
            <source>Đang sửa lỗi dữ liệu</source>
            <translation>Repairing the data</translation>
        </message>
        <message>
            <source>Đã sửa</source>
            <translation>Repaired</translation>
        </message>
        <message>
            <source>Sửa được</source>
            <translation>Repairable</translation>
        </message>
        <message>
            <source>Cần xem xét</source>
            <translation>Needs review</translation>
        </message>
        <message>
            <source>Không phát hiện vấn đề nào: dữ liệu toàn vẹn.</source>
            <translation>No problems found: the data is sound.</translation>
        </message>
        <message>
            <source>Đã sửa tất cả các vấn đề.</source>
            <translation>All problems were repaired.</translation>
        </message>
        <message>
            <source>Phát hiện {n} vấn đề; {m} vấn đề sửa được.</source>
            <translation>{n} problems found; {m} can be repaired.</translation>
        </message>
        <message>
            <source> (máy {host}, từ {since})</source>
            <translation> (computer {host}, since {since})</translation>
        </message>
        <message>
            <source>Tệp dữ liệu {path} đang được mở ở một cửa sổ Tự Quản khác{where}.

Hãy dùng cửa sổ đó (xem trên thanh tác vụ), hoặc đóng nó rồi mở lại. Hai cửa sổ cùng sửa một tệp sẽ ghi đè thay đổi của nhau.</source>
            <translation>The data file {path} is already open in another Tự Quản window{where}.

Use that window (look in the taskbar), or close it and open the program again. Two windows editing one file would overwrite each other's changes.</translation>
        </message>
        <message>
            <source>Khôi phục bản {time}</source>
            <translation>Restore the backup of {time}</translation>
        </message>
        <message>
            <source>Chọn tệp sao lưu khác…</source>
            <translation>Choose another backup file…</translation>
        </message>
        <message>
            <source>Thoát</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Chọn tệp sao lưu</source>
            <translation>Choose a backup file</translation>
        </message>
        <message>
            <source>Tệp sao lưu Tự Quản (*.sqlite *.tqsaoluu);;Mọi tệp (*)</source>
            <translation>Tự Quản backups (*.sqlite *.tqsaoluu);;All files (*)</translation>
        </message>
        <message>
            <source>Tệp này là cơ sở dữ liệu của chương trình khác; Tự Quản không mở và không sửa nó. Hãy chọn đúng tệp dữ liệu của Tự Quản.</source>
            <translation>This file is another program's database; Tự Quản neither opens nor changes it. Choose the Tự Quản data file.</translation>
        </message>
        <message>
            <source>Tệp đang được một chương trình khác mở; hãy đóng chương trình đó rồi mở lại Tự Quản.</source>
            <translation>Another program has the file open; close that program, then open Tự Quản again.</translation>
        </message>
        <message>
            <source>Không mở được tệp dữ liệu</source>
            <translation>Cannot open the data file</translation>
        </message>
        <message>
            <source>Tệp dữ liệu {path}: {problem}.</source>
            <translation>Data file {path}: {problem}.</translation>
        </message>
        <message>
            <source>Tệp dữ liệu {path} bị hỏng: {problem}.

Tệp hỏng đã được để riêng (không xóa, không ghi đè):
{aside}</source>
            <translation>The data file {path} is damaged: {problem}.

The damaged file was set aside (not deleted, not overwritten):
{aside}</translation>
        </message>
        <message>
            <source>Bản sao lưu tốt gần nhất: {name} (lúc {time}). Khôi phục bản này để làm việc tiếp?</source>
            <translation>The newest sound backup: {name} (of {time}). Restore it to carry on working?</translation>
        </message>
        <message>
            <source>Không tìm thấy bản sao lưu nào còn tốt bên cạnh tệp. Nếu có bản sao lưu ở nơi khác (USB), hãy chọn tệp đó.</source>
            <translation>No sound backup was found beside the file. If there is a backup elsewhere (a USB stick), choose that file.</translation>
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
            <source>cấp trên</source>
            <translation>office above</translation>
        </message>
        <message>
            <source>phường/xã</source>
            <translation>ward/commune</translation>
        </message>
        <message>
            <source>không ghi được vào thư mục {folder} ({error}). Hãy kiểm tra ổ USB đã cắm, còn chỗ trống và không bị khóa ghi, hoặc chọn thư mục khác.</source>
            <translation>cannot write to the folder {folder} ({error}). Check that the USB stick is plugged in, has free space and is not write-protected, or choose another folder.</translation>
        </message>
        <message>
            <source>{n} bản ghi: {parts}</source>
            <translation>{n} records: {parts}</translation>
        </message>
        <message>
            <source>không có thay đổi mới (gói vẫn báo cho máy nhận những gì máy này đã nhận)</source>
            <translation>no new changes (the package still tells the receiver what this machine has received)</translation>
        </message>
        <message>
            <source>nhật ký thay đổi: {n} mục</source>
            <translation>change log: {n} entries</translation>
        </message>
        <message>
            <source>Xuất gói dữ liệu</source>
            <translation>Export data package</translation>
        </message>
        <message>
            <source>Chọn thư mục lưu gói</source>
            <translation>Choose the folder for the packages</translation>
        </message>
        <message>
            <source>Ổ USB hiện ra như một thư mục. Cũng có thể lưu vào máy rồi gửi tệp qua thư điện tử: gói đã được mã hóa cho máy nhận.</source>
            <translation>A USB stick shows as a folder. You may also save on this computer and send the files by e-mail: each package is encrypted for its receiver.</translation>
        </message>
        <message>
            <source>Gửi cho</source>
            <translation>Send to</translation>
        </message>
        <message>
            <source>{name} ({kind}) — {n} thay đổi chưa được xác nhận</source>
            <translation>{name} ({kind}) — {n} changes not yet acknowledged</translation>
        </message>
        <message>
            <source>Toàn bộ dữ liệu</source>
            <translation>All data</translation>
        </message>
        <message>
            <source>Gửi lại mọi dữ liệu, không chỉ các thay đổi: dùng khi liên lạc lần đầu, hoặc khi máy nhận mất dữ liệu hay báo thiếu gói.</source>
            <translation>Send all data again, not only the changes: for the first contact, or when the receiver lost its data or reports a missing package.</translation>
        </message>
        <message>
            <source>Xuất gói</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Mở thư mục</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <source>Lưu gói vào thư mục:</source>
            <translation>Save the packages in the folder:</translation>
        </message>
        <message>
            <source>Chưa có máy nhận nào. Hãy thiết lập máy cho các phường, xã trước (Tệp → Trao đổi dữ liệu → Thiết lập máy cho phường/xã…).</source>
            <translation>No receiver yet. Set up the wards' machines first (File → Data exchange → Set up a ward's machine…).</translation>
        </message>
        <message>
            <source>Máy này chưa có máy nhận nào (chưa được thiết lập từ gói của thành phố).</source>
            <translation>This machine has no receiver yet (it was not set up from the city's package).</translation>
        </message>
        <message>
            <source>Hãy chọn thư mục lưu gói.</source>
            <translation>Choose the folder for the packages.</translation>
        </message>
        <message>
            <source>{folder} là một tệp, không phải thư mục. Hãy chọn thư mục khác.</source>
            <translation>{folder} is a file, not a folder. Choose another folder.</translation>
        </message>
        <message>
            <source>Thư mục: {folder}</source>
            <translation>Folder: {folder}</translation>
        </message>
        <message>
            <source>{name}: không xuất được gói: {error}</source>
            <translation>{name}: could not export: {error}</translation>
        </message>
        <message>
            <source>Đã xuất {ok} gói; {failed} gói không xuất được (xem bên dưới).</source>
            <translation>{ok} packages exported; {failed} could not be exported (see below).</translation>
        </message>
        <message>
            <source>Đã xuất {n} gói. Hãy chép các tệp này cho máy nhận (ổ USB hoặc thư điện tử).</source>
            <translation>{n} packages exported. Take these files to the receivers (USB stick or e-mail).</translation>
        </message>
        <message>
            <source>Không xuất được gói: {error}</source>
            <translation>Could not export: {error}</translation>
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
            <source>Hướng dẫn sử dụng</source>
            <translation>User guide</translation>
        </message>
        <message>
            <source>Không tìm thấy tệp hướng dẫn {path}. Hãy cài lại chương trình.</source>
            <translation>The user guide {path} was not found. Please reinstall the program.</translation>
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
            <source>Ctrl+Insert trong bảng thành viên</source>
            <translation>Ctrl+Insert in the members table</translation>
        </message>
        <message>
            <source>Xóa thành viên</source>
            <translation>Remove member</translation>
        </message>
        <message>
            <source>Ctrl+Delete trong bảng thành viên: xóa người ở ô đang chọn</source>
            <translation>Ctrl+Delete in the members table: remove the person of the current cell</translation>
        </message>
        <message>
            <source>Enter/F2: sửa ô · Ctrl+Insert: thêm · Ctrl+Delete: xóa</source>
            <translation>Enter/F2: edit cell · Ctrl+Insert: add · Ctrl+Delete: remove</translation>
        </message>
        <message>
            <source>Enter hoặc F2: sửa ô. Khi đang sửa, Tab sang ô tiếp theo; sau năm sinh của người cuối cùng, Tab ra khỏi bảng. Ctrl+Insert: thêm người, Ctrl+Delete: xóa người.</source>
            <translation>Enter or F2: edit the cell. While editing, Tab goes to the next cell; after the last person's birth year, Tab leaves the table. Ctrl+Insert: add a person, Ctrl+Delete: remove a person.</translation>
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
            <source>Lịch sử thay đổi…</source>
            <translation>Change history…</translation>
        </message>
        <message>
            <source>Ai đã sửa hộ này, thành viên và tình trạng các năm</source>
            <translation>Who changed this household, its members and its yearly statuses</translation>
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
            <source>Đơn vị</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>Sự kiện chia tách, sáp nhập</source>
            <translation>Splits and mergers</translation>
        </message>
        <message>
            <source>Chỉ số</source>
            <translation>Indicators</translation>
        </message>
        <message>
            <source>Bộ tiêu chí</source>
            <translation>Criteria frameworks</translation>
        </message>
        <message>
            <source>Tiêu chuẩn</source>
            <translation>Standards</translation>
        </message>
        <message>
            <source>Nhân khẩu</source>
            <translation>Household members</translation>
        </message>
        <message>
            <source>Tình trạng hộ theo năm</source>
            <translation>Household statuses by year</translation>
        </message>
        <message>
            <source>Số liệu tổ theo năm</source>
            <translation>Group figures by year</translation>
        </message>
        <message>
            <source>Cán bộ tổ</source>
            <translation>Group officers</translation>
        </message>
        <message>
            <source>Phiếu đánh giá</source>
            <translation>Evaluation sheet</translation>
        </message>
        <message>
            <source>Kết quả tiêu chí</source>
            <translation>Criterion results</translation>
        </message>
        <message>
            <source>Duyệt, mở lại</source>
            <translation>Approvals, reopenings</translation>
        </message>
        <message>
            <source>Quyết định</source>
            <translation>Decisions</translation>
        </message>
        <message>
            <source>Công nhận</source>
            <translation>Recognised</translation>
        </message>
        <message>
            <source>Giấy công nhận</source>
            <translation>Recognition certificates</translation>
        </message>
        <message>
            <source>Chỉ tiêu</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>Mới</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Giữ nguyên</source>
            <translation>Unchanged</translation>
        </message>
        <message>
            <source>Từ chối</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Nhập gói dữ liệu</source>
            <translation>Import data package</translation>
        </message>
        <message>
            <source>Chọn tệp gói dữ liệu ({suffix}) nhận từ máy khác</source>
            <translation>Choose a data package file ({suffix}) received from another machine</translation>
        </message>
        <message>
            <source>Chọn tệp…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <source>Loại dữ liệu</source>
            <translation>Kind of data</translation>
        </message>
        <message>
            <source>Áp dụng</source>
            <translation>Apply</translation>
        </message>
        <message>
            <source>Tệp:</source>
            <translation>File:</translation>
        </message>
        <message>
            <source>Chọn gói dữ liệu</source>
            <translation>Choose a data package</translation>
        </message>
        <message>
            <source>Gói dữ liệu Tự Quản (*{suffix});;Mọi tệp (*)</source>
            <translation>Tự Quản data packages (*{suffix});;All files (*)</translation>
        </message>
        <message>
            <source>Đang kiểm tra gói…</source>
            <translation>Checking the package…</translation>
        </message>
        <message>
            <source>Kiểm tra gói dữ liệu</source>
            <translation>Checking the data package</translation>
        </message>
        <message>
            <source>Gói này đã nhập ngày {date}; nhập lại không thay đổi gì.</source>
            <translation>This package was imported on {date}; importing it again changes nothing.</translation>
        </message>
        <message>
            <source>Gói hợp lệ (chữ ký đúng, gửi cho máy này). Xem trước những gì sẽ được ghi, rồi bấm "Áp dụng".</source>
            <translation>The package is valid (correct signature, meant for this machine). Review what will be written, then click "Apply".</translation>
        </message>
        <message>
            <source>Không kiểm tra được gói: {error}</source>
            <translation>The package could not be checked: {error}</translation>
        </message>
        <message>
            <source>Không nhận gói này; dữ liệu trên máy không thay đổi.</source>
            <translation>This package is refused; the data on this machine is unchanged.</translation>
        </message>
        <message>
            <source>toàn bộ dữ liệu</source>
            <translation>all data</translation>
        </message>
        <message>
            <source>thay đổi</source>
            <translation>changes</translation>
        </message>
        <message>
            <source>Từ: {sender} — tạo lúc {created} — gói {kind}</source>
            <translation>From: {sender} — created {created} — package of {kind}</translation>
        </message>
        <message>
            <source>Nhật ký thay đổi của máy gửi: {n} mục mới</source>
            <translation>Sender's change log: {n} new entries</translation>
        </message>
        <message>
            <source>Bản ghi bị từ chối ({n}): không được ghi, phần còn lại vẫn được áp dụng</source>
            <translation>Rejected records ({n}): not written; the rest is still applied</translation>
        </message>
        <message>
            <source>Ghi các thay đổi của gói từ {sender} vào dữ liệu của máy này?

Trước khi ghi, chương trình tự sao lưu tệp dữ liệu. Sau khi nhập, không hoàn tác được các thao tác đã làm trước đó.</source>
            <translation>Write the changes of the package from {sender} into this machine's data?

The data file is backed up automatically first. After the import, earlier actions can no longer be undone.</translation>
        </message>
        <message>
            <source>{n} bản ghi bị từ chối sẽ không được ghi.</source>
            <translation>{n} rejected records will not be written.</translation>
        </message>
        <message>
            <source>Áp dụng gói dữ liệu</source>
            <translation>Apply the data package</translation>
        </message>
        <message>
            <source>Không áp dụng</source>
            <translation>Do not apply</translation>
        </message>
        <message>
            <source>Sao lưu tệp dữ liệu</source>
            <translation>Backing up the data file</translation>
        </message>
        <message>
            <source>Báo cáo đã lưu vào tệp: {path}</source>
            <translation>Report saved to the file: {path}</translation>
        </message>
        <message>
            <source>Không lưu được tệp báo cáo ({error}); hãy chép nội dung bên dưới.</source>
            <translation>The report file could not be saved ({error}); copy the text below.</translation>
        </message>
        <message>
            <source>Đã áp dụng gói: {n} bản ghi được ghi.</source>
            <translation>Package applied: {n} records written.</translation>
        </message>
        <message>
            <source>Không áp dụng được gói; dữ liệu trên máy không thay đổi.</source>
            <translation>The package could not be applied; the data on this machine is unchanged.</translation>
        </message>
        <message>
            <source>Mã hộ</source>
            <translation>Household ID</translation>
        </message>
        <message>
            <source>Tổ dân phố, bản</source>
            <translation>Residential group</translation>
        </message>
        <message>
            <source>Họ và tên chủ hộ</source>
            <translation>Full name of the head of household</translation>
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
            <source>Dân tộc</source>
            <translation>Ethnicity</translation>
        </message>
        <message>
            <source>Địa chỉ</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Số điện thoại</source>
            <translation>Phone number</translation>
        </message>
        <message>
            <source>Số nhân khẩu</source>
            <translation>Number of people in the household</translation>
        </message>
        <message>
            <source>Nghèo, cận nghèo</source>
            <translation>Poor / near-poor</translation>
        </message>
        <message>
            <source>Bỏ qua</source>
            <translation>Skip</translation>
        </message>
        <message>
            <source>Cập nhật hộ đã có</source>
            <translation>Update the existing household</translation>
        </message>
        <message>
            <source>Vẫn thêm mới</source>
            <translation>Add anyway</translation>
        </message>
        <message>
            <source>TCVN3 (ABC, phông .VnTime)</source>
            <translation>TCVN3 (ABC, .VnTime font)</translation>
        </message>
        <message>
            <source>VNI (phông VNI-Times)</source>
            <translation>VNI (VNI-Times font)</translation>
        </message>
        <message>
            <source>Chưa chọn cột Họ và tên chủ hộ.</source>
            <translation>No column chosen for the head of household's name.</translation>
        </message>
        <message>
            <source>Chưa chọn cột Tổ dân phố, bản.</source>
            <translation>No column chosen for the residential group.</translation>
        </message>
        <message>
            <source>Bảng tính (*.xlsx *.xlsm *.xls *.ods *.csv);;Tất cả các tệp (*)</source>
            <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</translation>
        </message>
        <message>
            <source>Dòng</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Chủ hộ</source>
            <translation>Head of household</translation>
        </message>
        <message>
            <source>Vì sao trùng</source>
            <translation>Why it is a duplicate</translation>
        </message>
        <message>
            <source>Xử lý</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Cột</source>
            <translation>Column</translation>
        </message>
        <message>
            <source>Trước</source>
            <translation>Before</translation>
        </message>
        <message>
            <source>Sau</source>
            <translation>After</translation>
        </message>
        <message>
            <source>Số ô</source>
            <translation>Cells</translation>
        </message>
        <message>
            <source>Giữ nguyên (đọc được như chữ Unicode; nếu là phông cũ thì là "{reading}": hãy kiểm tra)</source>
            <translation>Kept as it is (it reads as Unicode text; in the old font it would be "{reading}": please check)</translation>
        </message>
        <message>
            <source>Nhập danh sách hộ từ Excel</source>
            <translation>Import a household list from Excel</translation>
        </message>
        <message>
            <source>&lt; Quay lại</source>
            <translation>&lt; Back</translation>
        </message>
        <message>
            <source>Tiếp &gt;</source>
            <translation>Next &gt;</translation>
        </message>
        <message>
            <source>Bước 1. Chọn tệp danh sách hộ</source>
            <translation>Step 1. Choose the household list file</translation>
        </message>
        <message>
            <source>Tệp Excel (.xlsx, .xls), LibreOffice (.ods) hoặc CSV. Dòng tiêu đề cột được tự tìm, kể cả khi có phần tiêu đề văn bản ở trên.</source>
            <translation>An Excel (.xlsx, .xls), LibreOffice (.ods) or CSV file. The column header row is found automatically, even below a title block.</translation>
        </message>
        <message>
            <source>Trang tính:</source>
            <translation>Sheet:</translation>
        </message>
        <message>
            <source>Cả thành phố (theo cột phường, xã của tệp)</source>
            <translation>Whole city (by the file's ward/commune column)</translation>
        </message>
        <message>
            <source>Nhập vào:</source>
            <translation>Import into:</translation>
        </message>
        <message>
            <source>Tình trạng hộ của năm:</source>
            <translation>Household statuses of year:</translation>
        </message>
        <message>
            <source>Bước 2. Chữ viết bằng phông cũ</source>
            <translation>Step 2. Text in legacy fonts</translation>
        </message>
        <message>
            <source>Các cột dưới đây được gõ bằng phông chữ cũ (TCVN3 hoặc VNI). Chọn các cột cần chuyển sang Unicode; xem ví dụ trước và sau khi chuyển.</source>
            <translation>The columns below were typed in a legacy font (TCVN3 or VNI). Choose the columns to convert to Unicode; see the examples before and after conversion.</translation>
        </message>
        <message>
            <source>Chuyển</source>
            <translation>Convert</translation>
        </message>
        <message>
            <source>Phông</source>
            <translation>Font</translation>
        </message>
        <message>
            <source>Ví dụ: trước → sau</source>
            <translation>Examples: before → after</translation>
        </message>
        <message>
            <source>Mọi giá trị sẽ được chuyển (chỉ các ô có dấu hiệu của phông cũ; chữ Unicode giữ nguyên):</source>
            <translation>Every value to be converted (only the cells that show the old font; Unicode text stays as it is):</translation>
        </message>
        <message>
            <source>Bước 3. Ghép cột của tệp với thông tin hộ</source>
            <translation>Step 3. Match the file's columns to household fields</translation>
        </message>
        <message>
            <source>Mẫu đã lưu:</source>
            <translation>Saved presets:</translation>
        </message>
        <message>
            <source>Dùng mẫu</source>
            <translation>Use preset</translation>
        </message>
        <message>
            <source>Lưu thành mẫu…</source>
            <translation>Save as preset…</translation>
        </message>
        <message>
            <source>Xóa mẫu</source>
            <translation>Delete preset</translation>
        </message>
        <message>
            <source>Tiêu đề trong tệp</source>
            <translation>Header in the file</translation>
        </message>
        <message>
            <source>Ví dụ</source>
            <translation>Examples</translation>
        </message>
        <message>
            <source>Là thông tin</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>Bước 4. Xác nhận tên tổ dân phố, bản</source>
            <translation>Step 4. Confirm residential group names</translation>
        </message>
        <message>
            <source>Các tên dưới đây không khớp chắc chắn với tổ dân phố, bản nào của năm. Chọn tổ đúng cho mỗi tên (một lần cho tất cả các dòng có tên đó).</source>
            <translation>The names below do not match any residential group of the year with certainty. Choose the right group for each name (once for all rows with that name).</translation>
        </message>
        <message>
            <source>Ghi trong tệp</source>
            <translation>Written in the file</translation>
        </message>
        <message>
            <source>Số dòng</source>
            <translation>Rows</translation>
        </message>
        <message>
            <source>Là tổ dân phố, bản</source>
            <translation>Residential group</translation>
        </message>
        <message>
            <source>Bước 5. Xem trước</source>
            <translation>Step 5. Preview</translation>
        </message>
        <message>
            <source>Xử lý:</source>
            <translation>Action:</translation>
        </message>
        <message>
            <source>Cho các dòng đã chọn</source>
            <translation>For the selected rows</translation>
        </message>
        <message>
            <source>Cho tất cả dòng trùng</source>
            <translation>For all duplicate rows</translation>
        </message>
        <message>
            <source>Trùng</source>
            <translation>Duplicates</translation>
        </message>
        <message>
            <source>Lưu các dòng bị loại ra Excel…</source>
            <translation>Save the rejected rows to Excel…</translation>
        </message>
        <message>
            <source>Bị loại</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Chuyển phông</source>
            <translation>Font conversion</translation>
        </message>
        <message>
            <source>Nhập {count} hộ</source>
            <translation>Import {count} households</translation>
        </message>
        <message>
            <source>Chọn tệp danh sách hộ</source>
            <translation>Choose the household list file</translation>
        </message>
        <message>
            <source>Hãy chọn tệp danh sách hộ.</source>
            <translation>Please choose the household list file.</translation>
        </message>
        <message>
            <source>Đang đọc tệp…</source>
            <translation>Reading the file…</translation>
        </message>
        <message>
            <source>Đang đọc {file}</source>
            <translation>Reading {file}</translation>
        </message>
        <message>
            <source>Tiêu đề tệp ghi năm {year}: hãy kiểm tra năm ở trên.</source>
            <translation>The file's title names the year {year}: please check the year above.</translation>
        </message>
        <message>
            <source>— không nhập —</source>
            <translation>— not imported —</translation>
        </message>
        <message>
            <source>Lưu mẫu ghép cột</source>
            <translation>Save column preset</translation>
        </message>
        <message>
            <source>Tên mẫu (ví dụ: Danh sách của phường):</source>
            <translation>Preset name (for example: Ward list):</translation>
        </message>
        <message>
            <source>Đã có mẫu "{name}". Thay bằng cách ghép cột này?</source>
            <translation>A preset "{name}" exists. Replace it with this column matching?</translation>
        </message>
        <message>
            <source>Thay mẫu</source>
            <translation>Replace preset</translation>
        </message>
        <message>
            <source>Không thay</source>
            <translation>Do not replace</translation>
        </message>
        <message>
            <source>Xóa mẫu ghép cột</source>
            <translation>Delete column preset</translation>
        </message>
        <message>
            <source>Xóa mẫu "{name}"?</source>
            <translation>Delete the preset "{name}"?</translation>
        </message>
        <message>
            <source>Đang kiểm tra {count} dòng</source>
            <translation>Checking {count} rows</translation>
        </message>
        <message>
            <source>Không nhập các dòng này</source>
            <translation>Do not import these rows</translation>
        </message>
        <message>
            <source>Chuyển phông ({count})</source>
            <translation>Font conversion ({count})</translation>
        </message>
        <message>
            <source>Trùng ({count})</source>
            <translation>Duplicates ({count})</translation>
        </message>
        <message>
            <source>Bị loại ({count})</source>
            <translation>Rejected ({count})</translation>
        </message>
        <message>
            <source>Năm {year}: thêm mới {add} hộ, cập nhật {update} hộ, {unchanged} hộ không đổi, {duplicates} dòng trùng, {rejected} dòng bị loại.</source>
            <translation>Year {year}: {add} households to add, {update} to update, {unchanged} unchanged, {duplicates} duplicate rows, {rejected} rejected rows.</translation>
        </message>
        <message>
            <source>Bảng chỉ hiện {count} dòng đầu.</source>
            <translation>The tables show the first {count} rows only.</translation>
        </message>
        <message>
            <source>Các dòng {lines} trùng với dòng khác trong tệp, không có hộ để cập nhật.</source>
            <translation>Rows {lines} duplicate other rows of the file: there is no household to update.</translation>
        </message>
        <message>
            <source>Nhập danh sách hộ</source>
            <translation>Import household list</translation>
        </message>
        <message>
            <source>Đã nhập: {name}.</source>
            <translation>Imported: {name}.</translation>
        </message>
        <message>
            <source>Thêm mới {added} hộ, cập nhật {updated} hộ.</source>
            <translation>{added} households added, {updated} updated.</translation>
        </message>
        <message>
            <source>Có thể hoàn tác cả lần nhập này bằng Ctrl+Z.</source>
            <translation>The whole import can be undone with Ctrl+Z.</translation>
        </message>
        <message>
            <source>{count} dòng bị loại chưa được nhập: lưu ra Excel, sửa theo cột Lý do rồi nhập lại.</source>
            <translation>{count} rejected rows were not imported: save them to Excel, fix them as the Reason column says, then import again.</translation>
        </message>
        <message>
            <source>Đang nhập {name}</source>
            <translation>Importing: {name}</translation>
        </message>
        <message>
            <source>Lưu các dòng bị loại</source>
            <translation>Save the rejected rows</translation>
        </message>
        <message>
            <source>Bảng tính Excel (*.xlsx)</source>
            <translation>Excel spreadsheet (*.xlsx)</translation>
        </message>
        <message>
            <source>Không ghi được tệp {path}: {error}</source>
            <translation>Cannot write the file {path}: {error}</translation>
        </message>
        <message>
            <source>Đã lưu {count} dòng bị loại ra {path}.</source>
            <translation>Saved {count} rejected rows to {path}.</translation>
        </message>
        <message>
            <source>Lỗi không mong muốn: {error}</source>
            <translation>Unexpected error: {error}</translation>
        </message>
        <message>
            <source>Xuất danh sách hộ ra Excel</source>
            <translation>Export the household list to Excel</translation>
        </message>
        <message>
            <source>Xuất danh sách hộ</source>
            <translation>Export household list</translation>
        </message>
        <message>
            <source>Đã xuất {count} hộ năm {year} của {scope} ra {path}.
Sửa trong Excel rồi nhập lại: các hộ có mã hộ được cập nhật, không bị thêm trùng.</source>
            <translation>Exported {count} households of {scope} for {year} to {path}.
Edit it in Excel and import it again: households with an ID are updated, not added twice.</translation>
        </message>
        <message>
            <source>Không xuất được danh sách hộ: {error}</source>
            <translation>Could not export the household list: {error}</translation>
        </message>
        <message>
            <source>Đang xuất danh sách hộ của {scope}</source>
            <translation>Exporting the household list of {scope}</translation>
        </message>
        <message>
            <source>Phiên làm việc đã khóa</source>
            <translation>Session locked</translation>
        </message>
        <message>
            <source>Đăng nhập — Tự Quản</source>
            <translation>Sign in — Tự Quản</translation>
        </message>
        <message>
            <source>Phiên làm việc đã khóa vì lâu không dùng. Nhập mật khẩu của {name} để làm việc tiếp.</source>
            <translation>The session was locked after a while without use. Enter the password of {name} to go on.</translation>
        </message>
        <message>
            <source>Đăng nhập để làm việc với dữ liệu của máy này.</source>
            <translation>Sign in to work with this machine's data.</translation>
        </message>
        <message>
            <source>Dữ liệu mẫu: đăng nhập admin / admin (quản trị), canbo / canbo (cán bộ thành phố), xem / xem (chỉ xem), hoặc cán bộ phường, xã: tên phường viết liền không dấu, mật khẩu như tên (ví dụ tanphong / tanphong).</source>
            <translation>Demo data: sign in as admin / admin (administrator), canbo / canbo (city officer), xem / xem (view only), or as a ward officer: the ward's name in one word without accents, the password the same as the name (e.g. tanphong / tanphong).</translation>
        </message>
        <message>
            <source>Đăng nhập</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Thoát chương trình</source>
            <translation>Quit the program</translation>
        </message>
        <message>
            <source>Hãy nhập tên đăng nhập.</source>
            <translation>Please enter your user name.</translation>
        </message>
        <message>
            <source>Phiên này là của {name}.</source>
            <translation>This session belongs to {name}.</translation>
        </message>
        <message>
            <source>Thử lại sau {n} giây</source>
            <translation>Try again in {n} seconds</translation>
        </message>
        <message>
            <source>Tạo tài khoản quản trị</source>
            <translation>Create the administrator's account</translation>
        </message>
        <message>
            <source>Máy này chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên: người quản trị thêm tài khoản cho các cán bộ khác (Cài đặt → Tài khoản). Mật khẩu cần ít nhất 8 ký tự; hãy ghi nhớ, không ai xem lại được mật khẩu.</source>
            <translation>This machine has no accounts yet. Create the administrator's account: the administrator adds the accounts of the other officials (Settings → Accounts). The password needs at least 8 characters; remember it, nobody can look it up.</translation>
        </message>
        <message>
            <source>ví dụ: quantri</source>
            <translation>e.g. quantri</translation>
        </message>
        <message>
            <source>Tạo tài khoản</source>
            <translation>Create account</translation>
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
            <source>Quan hệ với chủ hộ</source>
            <translation>Relationship to the head</translation>
        </message>
        <message>
            <source>Mật khẩu cho bản sao mang ra ngoài</source>
            <translation>Passphrase for copies taken outside</translation>
        </message>
        <message>
            <source>Bản sao lưu chép ra ngoài thư mục dữ liệu (USB, thư mục khác) được mã hóa bằng mật khẩu này; chỉ người biết mật khẩu mới mở hoặc khôi phục được. Chương trình không cần mật khẩu để chép bản sao, chỉ cần khi khôi phục.

Hãy ghi mật khẩu ra giấy và cất nơi an toàn, tách khỏi USB: mất mật khẩu là không mở được bản sao. Ít nhất {n} ký tự.</source>
            <translation>Backups copied outside the data folder (a USB stick, another folder) are encrypted with this passphrase; only someone who knows it can open or restore them. The program needs no passphrase to make a copy, only to restore one.

Write the passphrase on paper and keep it in a safe place, apart from the USB stick: without it a copy cannot be opened. At least {n} characters.</translation>
        </message>
        <message>
            <source>Các bản sao đã chép trước đây vẫn cần mật khẩu cũ của chúng.</source>
            <translation>Copies made before still need their old passphrase.</translation>
        </message>
        <message>
            <source>Tạo mật khẩu ngẫu nhiên</source>
            <translation>Make a random passphrase</translation>
        </message>
        <message>
            <source>Điền một mật khẩu ngẫu nhiên và hiện ra để chép lên giấy</source>
            <translation>Fill in a random passphrase and show it, to be copied on paper</translation>
        </message>
        <message>
            <source>Mật &amp;khẩu:</source>
            <translation>&amp;Passphrase:</translation>
        </message>
        <message>
            <source>&amp;Gõ lại:</source>
            <translation>&amp;Again:</translation>
        </message>
        <message>
            <source>Đặt mật khẩu</source>
            <translation>Set passphrase</translation>
        </message>
        <message>
            <source>Hai lần gõ không giống nhau; hãy gõ lại.</source>
            <translation>The two entries differ; type it again.</translation>
        </message>
        <message>
            <source>Mật khẩu của bản sao lưu</source>
            <translation>Passphrase of the backup</translation>
        </message>
        <message>
            <source>Mở</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Bản sao lưu {name} (tạo lúc {time}) được mã hóa. Gõ mật khẩu của bản sao mang ra ngoài:</source>
            <translation>The backup {name} (made at {time}) is encrypted. Type the passphrase of copies taken outside:</translation>
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
            <source>Máy của phường, xã được thiết lập bằng gói do Phòng Nội vụ thành phố tạo (tệp {suffix}) và mật khẩu ghi trên giấy đi kèm.</source>
            <translation>A ward's machine is set up with the package made by the city's Home Affairs Office (a {suffix} file) and the passphrase written on the paper that comes with it.</translation>
        </message>
        <message>
            <source>Chọn tệp gói thiết lập</source>
            <translation>Choose the set-up package file</translation>
        </message>
        <message>
            <source>Không phân biệt chữ hoa, chữ thường; dấu cách và dấu gạch không quan trọng.</source>
            <translation>Upper or lower case, spaces and dashes do not matter.</translation>
        </message>
        <message>
            <source>Tệp dữ liệu sẽ được tạo: {path}</source>
            <translation>Data file to be created: {path}</translation>
        </message>
        <message>
            <source>Thiết lập</source>
            <translation>Set up</translation>
        </message>
        <message>
            <source>Quay lại</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Gói thiết lập:</source>
            <translation>Set-up package:</translation>
        </message>
        <message>
            <source>Chọn gói thiết lập</source>
            <translation>Choose the set-up package</translation>
        </message>
        <message>
            <source>Gói thiết lập Tự Quản (*{suffix});;Mọi tệp (*)</source>
            <translation>Tự Quản set-up packages (*{suffix});;All files (*)</translation>
        </message>
        <message>
            <source>Gói cho: {what}</source>
            <translation>Package for: {what}</translation>
        </message>
        <message>
            <source>Hãy chọn tệp gói thiết lập.</source>
            <translation>Choose the set-up package file.</translation>
        </message>
        <message>
            <source>Không tìm thấy tệp {path}.</source>
            <translation>The file {path} was not found.</translation>
        </message>
        <message>
            <source>Hãy gõ mật khẩu của gói thiết lập.</source>
            <translation>Type the passphrase of the set-up package.</translation>
        </message>
        <message>
            <source>Giải mã gói và tạo tệp dữ liệu</source>
            <translation>Decrypting the package and creating the data file</translation>
        </message>
        <message>
            <source>Thiết lập máy từ gói của thành phố</source>
            <translation>Setting up this machine from the city's package</translation>
        </message>
        <message>
            <source>Thiết lập máy cho phường/xã</source>
            <translation>Set up a ward's machine</translation>
        </message>
        <message>
            <source>Tạo gói thiết lập cho máy của một phường, xã: gói chứa khóa của máy mới, cây đơn vị, bộ tiêu chí và dữ liệu của phường, xã đó. Máy mới chọn "Thiết lập từ gói của thành phố" khi khởi động lần đầu.</source>
            <translation>Create the set-up package of a ward's machine: it holds the new machine's keys, the unit tree, the criteria frameworks and the ward's data. The new machine chooses "Set up from the city's package" at its first start.</translation>
        </message>
        <message>
            <source>Thay máy: thu hồi máy cũ (máy mất, hỏng); gói của máy cũ sẽ bị từ chối</source>
            <translation>Replace machine: revoke the old one (lost, broken); its packages will be refused</translation>
        </message>
        <message>
            <source>Chọn thư mục lưu gói thiết lập</source>
            <translation>Choose the folder for the set-up package</translation>
        </message>
        <message>
            <source>Tạo gói thiết lập</source>
            <translation>Create set-up package</translation>
        </message>
        <message>
            <source>Lưu gói vào:</source>
            <translation>Save the package in:</translation>
        </message>
        <message>
            <source>Chưa có máy nào được đăng ký cho phường, xã này.</source>
            <translation>No machine is registered for this ward yet.</translation>
        </message>
        <message>
            <source>Đã có máy: {name}, đăng ký ngày {date}. Chỉ tạo gói mới khi cần thay máy.</source>
            <translation>Already has a machine: {name}, registered on {date}. Create a new package only to replace it.</translation>
        </message>
        <message>
            <source>Đóng gói dữ liệu của phường, xã</source>
            <translation>Packing the ward's data</translation>
        </message>
        <message>
            <source>Không ghi được gói vào {folder} ({error}). Hãy chọn thư mục khác.</source>
            <translation>The package could not be written to {folder} ({error}). Choose another folder.</translation>
        </message>
        <message>
            <source>Mật khẩu của gói thiết lập</source>
            <translation>Passphrase of the set-up package</translation>
        </message>
        <message>
            <source>Đã tạo gói thiết lập cho {ward}:</source>
            <translation>Set-up package created for {ward}:</translation>
        </message>
        <message>
            <source>Máy cũ của {ward} đã bị thu hồi.</source>
            <translation>The old machine of {ward} has been revoked.</translation>
        </message>
        <message>
            <source>Khi gõ lại: không phân biệt chữ hoa, chữ thường; dấu cách và dấu gạch không quan trọng. Không có chữ O, I, L và số 0, 1.</source>
            <translation>When typing it back: upper or lower case, spaces and dashes do not matter. There are no letters O, I, L and no digits 0, 1.</translation>
        </message>
        <message>
            <source>Mật khẩu chỉ hiện một lần này. Hãy chép ra giấy ngay, rồi đưa cho phường, xã riêng với tệp gói thiết lập (không gửi cùng ổ USB hay cùng thư điện tử): ai có cả tệp và mật khẩu đều lập được máy của phường, xã. Nếu mất mật khẩu, hãy tạo gói mới (thay máy).</source>
            <translation>The passphrase is shown this once only. Write it on paper now and give it to the ward separately from the set-up package file (not on the same USB stick or in the same e-mail): whoever has both the file and the passphrase can set up the ward's machine. If the passphrase is lost, create a new package (replace machine).</translation>
        </message>
        <message>
            <source>Sao chép</source>
            <translation>Copy</translation>
        </message>
        <message>
            <source>Đã ghi lại mật khẩu</source>
            <translation>I have written it down</translation>
        </message>
        <message>
            <source>Đã sao chép</source>
            <translation>Copied</translation>
        </message>
        <message>
            <source>Mật khẩu sẽ không hiện lại. Đã ghi lại mật khẩu chưa?</source>
            <translation>The passphrase will not be shown again. Have you written it down?</translation>
        </message>
        <message>
            <source>Đã ghi lại, đóng</source>
            <translation>Written down, close</translation>
        </message>
        <message>
            <source>Xem tiếp</source>
            <translation>Keep showing</translation>
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
            <source>Tổ dân phố hoặc bản của năm đang xem</source>
            <translation>Residential group in the year shown</translation>
        </message>
        <message>
            <source>NK</source>
            <translation>Size</translation>
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
            <source>Xóa ô tìm kiếm</source>
            <translation>Clear the search box</translation>
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
            <source>Nam (năm sinh hoặc x)</source>
            <translation>Male (year of birth or x)</translation>
        </message>
        <message>
            <source>Nữ (năm sinh hoặc x)</source>
            <translation>Female (year of birth or x)</translation>
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
            <source>Xuất gói dữ liệu…</source>
            <translation>Export data package…</translation>
        </message>
        <message>
            <source>Xuất gói dữ liệu gửi các máy khác (Ctrl+E)</source>
            <translation>Export data packages for the other machines (Ctrl+E)</translation>
        </message>
        <message>
            <source>Nhập gói dữ liệu…</source>
            <translation>Import data package…</translation>
        </message>
        <message>
            <source>Nhập gói</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Nhập gói dữ liệu nhận từ máy khác (Ctrl+I)</source>
            <translation>Import a data package received from another machine (Ctrl+I)</translation>
        </message>
        <message>
            <source>Trao đổi &amp;dữ liệu…</source>
            <translation>&amp;Data exchange…</translation>
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
            <source>Nhập danh sách hộ từ Excel…</source>
            <translation>Import household list from Excel…</translation>
        </message>
        <message>
            <source>Xuất danh sách hộ ra Excel…</source>
            <translation>Export household list to Excel…</translation>
        </message>
        <message>
            <source>Sao &amp;lưu và khôi phục…</source>
            <translation>&amp;Backups and restore…</translation>
        </message>
        <message>
            <source>&amp;Kiểm tra dữ liệu…</source>
            <translation>Chec&amp;k the data…</translation>
        </message>
        <message>
            <source>&amp;Nhật ký thay đổi…</source>
            <translation>Change &amp;log…</translation>
        </message>
        <message>
            <source>Ai đã sửa gì, khi nào: lọc theo người, bản ghi, ngày</source>
            <translation>Who changed what, and when: filter by person, record, date</translation>
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
            <source>&amp;Tài khoản…</source>
            <translation>&amp;Accounts…</translation>
        </message>
        <message>
            <source>Đổi &amp;mật khẩu…</source>
            <translation>Change &amp;password…</translation>
        </message>
        <message>
            <source>&amp;Khóa phiên làm việc</source>
            <translation>&amp;Lock the session</translation>
        </message>
        <message>
            <source>Tự &amp;khóa khi không dùng</source>
            <translation>Loc&amp;k when idle</translation>
        </message>
        <message>
            <source>Sau {n} phút</source>
            <translation>After {n} minutes</translation>
        </message>
        <message>
            <source>Không tự khóa</source>
            <translation>Never lock</translation>
        </message>
        <message>
            <source>Trợ &amp;giúp</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;Hướng dẫn sử dụng</source>
            <translation>&amp;User guide</translation>
        </message>
        <message>
            <source>&amp;Phím tắt</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
        <message>
            <source>Mở tệp &amp;nhật ký</source>
            <translation>Open the &amp;log file</translation>
        </message>
        <message>
            <source>&amp;Giới thiệu {app}</source>
            <translation>&amp;About {app}</translation>
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
            <source>Chọn một tổ dân phố hoặc bản trong cây bên trái.</source>
            <translation>Choose a residential group in the tree on the left.</translation>
        </message>
        <message>
            <source>Người dùng: {name} ({role})</source>
            <translation>User: {name} ({role})</translation>
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
            <source>UBND thành phố</source>
            <translation>City People's Committee</translation>
        </message>
        <message>
            <source>Văn phòng: {unit}</source>
            <translation>Office: {unit}</translation>
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
            <source>Trong ô tìm kiếm: xóa ô tìm kiếm và về danh sách hộ</source>
            <translation>In the search box: clear the search box and go back to the household list</translation>
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
            <source>Xuất gói dữ liệu gửi các máy khác</source>
            <translation>Export data packages for the other machines</translation>
        </message>
        <message>
            <source>Nhập gói dữ liệu nhận từ máy khác</source>
            <translation>Import a data package received from another machine</translation>
        </message>
        <message>
            <source>Hoàn tác thay đổi dữ liệu cuối cùng (trong ô đang gõ dở: hoàn tác chữ vừa gõ)</source>
            <translation>Undo the last change to the data (in a field you are typing in: undo the typing)</translation>
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
            <source>Phiếu hộ, bảng thành viên: thêm thành viên</source>
            <translation>Household form, members table: add a member</translation>
        </message>
        <message>
            <source>Phiếu hộ, bảng thành viên: xóa thành viên ở ô đang chọn</source>
            <translation>Household form, members table: remove the member of the current cell</translation>
        </message>
        <message>
            <source>Phiếu hộ, bảng thành viên: sửa ô đang chọn (Enter cũng sửa)</source>
            <translation>Household form, members table: edit the current cell (Enter also edits)</translation>
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
            <source>Khóa phiên làm việc (mở lại bằng mật khẩu)</source>
            <translation>Lock the session (the password opens it again)</translation>
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
            <source>Đồng ý</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Máy</source>
            <translation>Machine</translation>
        </message>
        <message>
            <source>Loại</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Gửi gần nhất</source>
            <translation>Last sent</translation>
        </message>
        <message>
            <source>Nhận gần nhất</source>
            <translation>Last received</translation>
        </message>
        <message>
            <source>Thay đổi chưa được xác nhận</source>
            <translation>Changes not acknowledged</translation>
        </message>
        <message>
            <source>Số thứ tự thay đổi</source>
            <translation>Change numbers</translation>
        </message>
        <message>
            <source>Chiều</source>
            <translation>Direction</translation>
        </message>
        <message>
            <source>Loại gói</source>
            <translation>Package kind</translation>
        </message>
        <message>
            <source>Tệp</source>
            <translation>File</translation>
        </message>
        <message>
            <source>thiết lập máy</source>
            <translation>machine set-up</translation>
        </message>
        <message>
            <source>đang dùng</source>
            <translation>in use</translation>
        </message>
        <message>
            <source>thu hồi {date}: {reason}</source>
            <translation>revoked {date}: {reason}</translation>
        </message>
        <message>
            <source>gửi đến số {sent}, máy kia xác nhận đến số {acked}; nhận đến số {received}</source>
            <translation>sent up to {sent}, acknowledged up to {acked}; received up to {received}</translation>
        </message>
        <message>
            <source> — chưa xác nhận {first}–{last}</source>
            <translation> — not acknowledged {first}–{last}</translation>
        </message>
        <message>
            <source>Xuất gói…</source>
            <translation>Export…</translation>
        </message>
        <message>
            <source>Nhập gói…</source>
            <translation>Import…</translation>
        </message>
        <message>
            <source>Thiết lập máy cho phường/xã…</source>
            <translation>Set up a ward's machine…</translation>
        </message>
        <message>
            <source>Thu hồi máy…</source>
            <translation>Revoke machine…</translation>
        </message>
        <message>
            <source>Các máy trao đổi dữ liệu với máy này:</source>
            <translation>Machines exchanging data with this one:</translation>
        </message>
        <message>
            <source>Các gói đã gửi và đã nhận (mới nhất trước):</source>
            <translation>Packages sent and received (newest first):</translation>
        </message>
        <message>
            <source>Máy này: {name} ({role}) — mã máy {site}</source>
            <translation>This machine: {name} ({role}) — machine id {site}</translation>
        </message>
        <message>
            <source>Máy kia chưa xác nhận các thay đổi số {first}–{last}. Nếu máy kia đã nhập hết các gói, gói chứa chúng có thể đã thất lạc: hãy xuất gói lại.</source>
            <translation>The other machine has not acknowledged changes {first}–{last}. If it has imported every package, the package holding them may have been lost: export again.</translation>
        </message>
        <message>
            <source>Chưa có máy nào. Hãy thiết lập máy cho các phường, xã.</source>
            <translation>No machines yet. Set up the wards' machines.</translation>
        </message>
        <message>
            <source>Máy này chưa được thiết lập để trao đổi dữ liệu.</source>
            <translation>This machine is not set up for data exchange.</translation>
        </message>
        <message>
            <source>gửi</source>
            <translation>sent</translation>
        </message>
        <message>
            <source>nhận</source>
            <translation>received</translation>
        </message>
        <message>
            <source>Thu hồi máy</source>
            <translation>Revoke machine</translation>
        </message>
        <message>
            <source>Thu hồi máy "{name}"? Từ nay mọi gói của máy này đều bị từ chối và không gửi gói cho máy này nữa. Việc này không hoàn tác được; phường, xã cần một máy mới (Thiết lập máy cho phường/xã… → Thay máy).

Lý do:</source>
            <translation>Revoke the machine "{name}"? From now on every package from it is refused and no package is sent to it. This cannot be undone; the ward will need a new machine (Set up a ward's machine… → Replace machine).

Reason:</translation>
        </message>
        <message>
            <source>Máy bị mất</source>
            <translation>Machine lost</translation>
        </message>
        <message>
            <source>Không thu hồi</source>
            <translation>Do not revoke</translation>
        </message>
        <message>
            <source>Đã thu hồi máy {name}.</source>
            <translation>Machine {name} revoked.</translation>
        </message>
        <message>
            <source>Trao đổi dữ liệu</source>
            <translation>Data exchange</translation>
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
            <source>Chưa có số liệu</source>
            <translation>No data yet</translation>
        </message>
        <message>
            <source>Chọn thư mục…</source>
            <translation>Choose folder…</translation>
        </message>
        <message>
            <source>Chép một bản sao lưu vào thư mục khác, ví dụ USB</source>
            <translation type="vanished">Copy a backup into another folder, e.g. a USB stick</translation>
        </message>
        <message>
            <source>Tệp dữ liệu Tự Quản (*.sqlite);;Mọi tệp (*)</source>
            <translation type="vanished">Tự Quản data files (*.sqlite);;All files (*)</translation>
        </message>
        <message>
            <source>UBND {unit}</source>
            <translation type="vanished">People's Committee of {unit}</translation>
        </message>
        <message>
            <source>Không kiểm tra được: {error}</source>
            <translation type="vanished">The check could not run: {error}</translation>
        </message>
        <message>
            <source>Xuất gửi thành phố</source>
            <translation type="vanished">Export for the city</translation>
        </message>
        <message>
            <source>Xuất dữ liệu gửi thành phố (chưa có trong phiên bản này)</source>
            <translation type="vanished">Export the data to send to the city (not available in this version yet)</translation>
        </message>
        <message>
            <source>Nhập</source>
            <translation type="vanished">Import</translation>
        </message>
        <message>
            <source>Nhập gói dữ liệu (chưa có trong phiên bản này)</source>
            <translation type="vanished">Import a data package (not available in this version yet)</translation>
        </message>
        <message>
            <source>&amp;Giới thiệu</source>
            <translation type="vanished">&amp;About</translation>
        </message>
        <message>
            <source>In báo cáo, giấy công nhận (chưa có trong phiên bản này)</source>
            <translation type="vanished">Print reports and recognition certificates (not available in this version yet)</translation>
        </message>
    </context>
</TS>
