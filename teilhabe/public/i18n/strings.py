"""Translations of the public finder's interface (source: English), written by the team.

``python -m teilhabe.public.i18n.strings`` writes them into locale/<lang>/LC_MESSAGES/django.po
(after ``makemessages``); German is the default, Arabic and Farsi are right-to-left.
"""

# msgid → (de, ar, fa, uk, ru, tr)
T: dict[str, tuple[str, str, str, str, str, str]] = {
    "Search": ("Suche", "بحث", "جستجو", "Пошук", "Поиск", "Arama"),
    "Borough": ("Stadtbezirk", "الدائرة", "منطقه", "Район міста", "Район города", "İlçe"),
    "District": ("Stadtteil", "الحي", "محله", "Мікрорайон", "Микрорайон", "Semt"),
    "Category": ("Kategorie", "الفئة", "دسته‌بندی", "Категорія", "Категория", "Kategori"),
    "Language spoken": (
        "Gesprochene Sprache",
        "اللغة المستخدمة",
        "زبان گفتگو",
        "Мова спілкування",
        "Язык общения",
        "Konuşulan dil",
    ),
    "Age": ("Alter", "العمر", "سن", "Вік", "Возраст", "Yaş"),
    "Weekday": (
        "Wochentag",
        "يوم الأسبوع",
        "روز هفته",
        "День тижня",
        "День недели",
        "Haftanın günü",
    ),
    "Free of charge only": (
        "Nur kostenlose Angebote",
        "المجانية فقط",
        "فقط رایگان",
        "Лише безкоштовні",
        "Только бесплатные",
        "Yalnızca ücretsiz",
    ),
    "all": ("alle", "الكل", "همه", "усі", "все", "tümü"),
    "Skip to content": (
        "Zum Inhalt springen",
        "انتقل إلى المحتوى",
        "رفتن به محتوا",
        "Перейти до змісту",
        "Перейти к содержанию",
        "İçeriğe geç",
    ),
    "Languages": ("Sprachen", "اللغات", "زبان‌ها", "Мови", "Языки", "Diller"),
    "This page sets no cookies and loads nothing from other websites.": (
        "Diese Seite setzt keine Cookies und lädt nichts von anderen Websites.",
        "هذه الصفحة لا تستخدم ملفات تعريف الارتباط ولا تحمّل شيئًا من مواقع أخرى.",
        "این صفحه هیچ کوکی ذخیره نمی‌کند و چیزی از وب‌سایت‌های دیگر بارگیری نمی‌کند.",
        "Ця сторінка не використовує файли cookie і нічого не завантажує з інших сайтів.",
        "Эта страница не использует файлы cookie и ничего не загружает с других сайтов.",
        "Bu sayfa çerez kullanmaz ve başka sitelerden hiçbir şey yüklemez.",
    ),
    "Map": ("Karte", "الخريطة", "نقشه", "Карта", "Карта", "Harita"),
    "Open data (API)": (
        "Offene Daten (API)",
        "البيانات المفتوحة (API)",
        "داده‌های باز (API)",
        "Відкриті дані (API)",
        "Открытые данные (API)",
        "Açık veri (API)",
    ),
    "Find offers": (
        "Angebote finden",
        "ابحث عن العروض",
        "یافتن برنامه‌ها",
        "Знайти пропозиції",
        "Найти предложения",
        "Hizmet bul",
    ),
    "Find offers near you": (
        "Angebote in Ihrer Nähe finden",
        "ابحث عن العروض القريبة منك",
        "برنامه‌های نزدیک خود را پیدا کنید",
        "Знайдіть пропозиції поруч із вами",
        "Найдите предложения рядом с вами",
        "Yakınınızdaki hizmetleri bulun",
    ),
    "Filter offers": (
        "Angebote filtern",
        "تصفية العروض",
        "فیلتر برنامه‌ها",
        "Фільтрувати пропозиції",
        "Фильтровать предложения",
        "Hizmetleri filtrele",
    ),
    "Show offers": (
        "Angebote anzeigen",
        "عرض النتائج",
        "نمایش برنامه‌ها",
        "Показати пропозиції",
        "Показать предложения",
        "Hizmetleri göster",
    ),
    "Add these offers to your calendar (.ics)": (
        "Diese Angebote in den Kalender übernehmen (.ics)",
        "أضف هذه العروض إلى تقويمك (.ics)",
        "افزودن این برنامه‌ها به تقویم (.ics)",
        "Додати ці пропозиції до календаря (.ics)",
        "Добавить эти предложения в календарь (.ics)",
        "Bu hizmetleri takviminize ekleyin (.ics)",
    ),
    "Reset filters": (
        "Filter zurücksetzen",
        "إعادة ضبط التصفية",
        "حذف فیلترها",
        "Скинути фільтри",
        "Сбросить фильтры",
        "Filtreleri sıfırla",
    ),
    "Results": ("Ergebnisse", "النتائج", "نتایج", "Результати", "Результаты", "Sonuçlar"),
    "Not yet translated – shown in German.": (
        "Noch nicht übersetzt – auf Deutsch angezeigt.",
        "لم تتم الترجمة بعد – معروض باللغة الألمانية.",
        "هنوز ترجمه نشده است – به آلمانی نمایش داده می‌شود.",
        "Ще не перекладено – показано німецькою.",
        "Ещё не переведено – показано на немецком.",
        "Henüz çevrilmedi – Almanca gösteriliyor.",
    ),
    "free of charge": ("kostenlos", "مجاني", "رایگان", "безкоштовно", "бесплатно", "ücretsiz"),
    "No offers match these filters.": (
        "Keine Angebote passen zu diesen Filtern.",
        "لا توجد عروض تطابق هذه المعايير.",
        "هیچ برنامه‌ای با این فیلترها پیدا نشد.",
        "Немає пропозицій за цими фільтрами.",
        "Нет предложений по этим фильтрам.",
        "Bu filtrelere uyan hizmet yok.",
    ),
    "Pages": ("Seiten", "الصفحات", "صفحه‌ها", "Сторінки", "Страницы", "Sayfalar"),
    "Previous page": (
        "Vorherige Seite",
        "الصفحة السابقة",
        "صفحه قبل",
        "Попередня сторінка",
        "Предыдущая страница",
        "Önceki sayfa",
    ),
    "Page %(n)s of %(total)s": (
        "Seite %(n)s von %(total)s",
        "الصفحة %(n)s من %(total)s",
        "صفحه %(n)s از %(total)s",
        "Сторінка %(n)s з %(total)s",
        "Страница %(n)s из %(total)s",
        "Sayfa %(n)s / %(total)s",
    ),
    "Next page": (
        "Nächste Seite",
        "الصفحة التالية",
        "صفحه بعد",
        "Наступна сторінка",
        "Следующая страница",
        "Sonraki sayfa",
    ),
    "Offers per district": (
        "Angebote je Stadtteil",
        "العروض حسب الحي",
        "برنامه‌ها بر اساس محله",
        "Пропозиції за мікрорайонами",
        "Предложения по микрорайонам",
        "Semtlere göre hizmetler",
    ),
    "Choose a district on the map to see its offers. The number shows how many offers match your filters there.": (
        "Wählen Sie einen Stadtteil auf der Karte, um seine Angebote zu sehen. Die Zahl zeigt, wie viele Angebote dort zu Ihren Filtern passen.",
        "اختر حيًا على الخريطة لرؤية عروضه. يبين الرقم عدد العروض المطابقة لمعاييرك هناك.",
        "یک محله را روی نقشه انتخاب کنید تا برنامه‌های آن را ببینید. عدد نشان می‌دهد چند برنامه در آنجا با فیلترهای شما مطابقت دارد.",
        "Оберіть мікрорайон на карті, щоб побачити його пропозиції. Число показує, скільки пропозицій там відповідає вашим фільтрам.",
        "Выберите микрорайон на карте, чтобы увидеть его предложения. Число показывает, сколько предложений там подходит под ваши фильтры.",
        "Hizmetlerini görmek için haritadan bir semt seçin. Sayı, orada filtrelerinize uyan hizmet sayısını gösterir.",
    ),
    "Back to all offers": (
        "Zurück zu allen Angeboten",
        "العودة إلى كل العروض",
        "بازگشت به همه برنامه‌ها",
        "Назад до всіх пропозицій",
        "Назад ко всем предложениям",
        "Tüm hizmetlere dön",
    ),
    "Provider": (
        "Anbieter",
        "الجهة المقدمة",
        "ارائه‌دهنده",
        "Організатор",
        "Организатор",
        "Sağlayıcı",
    ),
    "Cost": ("Kosten", "التكلفة", "هزینه", "Вартість", "Стоимость", "Ücret"),
    "Registration": ("Anmeldung", "التسجيل", "ثبت‌نام", "Реєстрація", "Регистрация", "Kayıt"),
    "needed": ("erforderlich", "مطلوب", "لازم است", "потрібна", "нужна", "gerekli"),
    "not needed": (
        "nicht erforderlich",
        "غير مطلوب",
        "لازم نیست",
        "не потрібна",
        "не нужна",
        "gerekli değil",
    ),
    "from %(n)s": ("ab %(n)s", "من %(n)s", "از %(n)s", "від %(n)s", "от %(n)s", "%(n)s yaşından"),
    "up to %(n)s": (
        "bis %(n)s",
        "حتى %(n)s",
        "تا %(n)s",
        "до %(n)s",
        "до %(n)s",
        "%(n)s yaşına kadar",
    ),
    "For": ("Für", "لـ", "برای", "Для", "Для", "Kimler için"),
    "women only": (
        "nur für Frauen",
        "للنساء فقط",
        "فقط زنان",
        "лише для жінок",
        "только для женщин",
        "yalnızca kadınlar",
    ),
    "Free places": (
        "Freie Plätze",
        "الأماكن المتاحة",
        "جای خالی",
        "Вільні місця",
        "Свободные места",
        "Boş yer",
    ),
    "When": ("Wann", "متى", "زمان", "Коли", "Когда", "Ne zaman"),
    "every %(day)s": (
        "jeden %(day)s",
        "كل %(day)s",
        "هر %(day)s",
        "щотижня: %(day)s",
        "каждую неделю: %(day)s",
        "her %(day)s",
    ),
    "not in school holidays": (
        "nicht in den Schulferien",
        "ليس خلال العطل المدرسية",
        "نه در تعطیلات مدرسه",
        "не під час шкільних канікул",
        "кроме школьных каникул",
        "okul tatillerinde yok",
    ),
    "By arrangement": (
        "Nach Vereinbarung",
        "بالاتفاق",
        "با هماهنگی",
        "За домовленістю",
        "По договорённости",
        "Randevu ile",
    ),
    "Next dates": (
        "Nächste Termine",
        "المواعيد القادمة",
        "تاریخ‌های بعدی",
        "Найближчі дати",
        "Ближайшие даты",
        "Sonraki tarihler",
    ),
    "Add to calendar (.ics)": (
        "In den Kalender übernehmen (.ics)",
        "أضف إلى التقويم (.ics)",
        "افزودن به تقویم (.ics)",
        "Додати до календаря (.ics)",
        "Добавить в календарь (.ics)",
        "Takvime ekle (.ics)",
    ),
    "Print view": (
        "Druckansicht",
        "عرض للطباعة",
        "نسخه چاپی",
        "Версія для друку",
        "Версия для печати",
        "Yazdırma görünümü",
    ),
    "Where": ("Wo", "أين", "مکان", "Де", "Где", "Nerede"),
    "step-free access": (
        "stufenloser Zugang",
        "مدخل بدون درج",
        "ورودی بدون پله",
        "вхід без сходинок",
        "вход без ступенек",
        "basamaksız giriş",
    ),
    "accessible toilet": (
        "barrierefreies WC",
        "مرحاض مهيأ لذوي الإعاقة",
        "سرویس بهداشتی مناسب معلولان",
        "доступний туалет",
        "доступный туалет",
        "engelli tuvaleti",
    ),
    "hearing loop": (
        "Induktionsschleife",
        "حلقة سمعية",
        "حلقه شنوایی",
        "індукційна петля",
        "индукционная петля",
        "işitme döngüsü",
    ),
    "Contact": ("Kontakt", "التواصل", "تماس", "Контакт", "Контакт", "İletişim"),
    "Phone": ("Telefon", "الهاتف", "تلفن", "Телефон", "Телефон", "Telefon"),
    # Registration through the finder, contact, map links (msgid → de, ar, fa, uk, ru, tr).
    "Enter a phone number with digits only, e.g. 0201 123456.": (
        "Geben Sie eine Telefonnummer nur mit Ziffern an, z. B. 0201 123456.",
        "أدخل رقم هاتف بالأرقام فقط، مثل 0201 123456.",
        "شماره تلفن را فقط با رقم وارد کنید، مثلاً 0201 123456.",
        "Введіть номер телефону лише цифрами, напр. 0201 123456.",
        "Введите номер телефона только цифрами, напр. 0201 123456.",
        "Telefon numarasını yalnızca rakamlarla girin, örn. 0201 123456.",
    ),
    "Your name": ("Ihr Name", "اسمك", "نام شما", "Ваше ім'я", "Ваше имя", "Adınız"),
    "E-mail address": (
        "E-Mail-Adresse",
        "عنوان البريد الإلكتروني",
        "نشانی ایمیل",
        "Адреса електронної пошти",
        "Адрес электронной почты",
        "E-posta adresi",
    ),
    "Give an e-mail address or a phone number (or both).": (
        "Geben Sie eine E-Mail-Adresse oder eine Telefonnummer an (oder beides).",
        "أدخل عنوان بريد إلكتروني أو رقم هاتف (أو كليهما).",
        "یک نشانی ایمیل یا شماره تلفن (یا هر دو) وارد کنید.",
        "Вкажіть адресу електронної пошти або номер телефону (або обидва).",
        "Укажите адрес электронной почты или номер телефона (или оба).",
        "Bir e-posta adresi veya telefon numarası (ya da ikisini) girin.",
    ),
    "Phone number": (
        "Telefonnummer",
        "رقم الهاتف",
        "شماره تلفن",
        "Номер телефону",
        "Номер телефона",
        "Telefon numarası",
    ),
    "Number of people": (
        "Anzahl der Personen",
        "عدد الأشخاص",
        "تعداد افراد",
        "Кількість осіб",
        "Количество человек",
        "Kişi sayısı",
    ),
    "Message to the provider": (
        "Nachricht an den Anbieter",
        "رسالة إلى الجهة المقدِّمة",
        "پیام به برگزارکننده",
        "Повідомлення організатору",
        "Сообщение организатору",
        "Sağlayıcıya mesaj",
    ),
    "Please agree so that the provider may contact you.": (
        "Bitte stimmen Sie zu, damit der Anbieter Sie kontaktieren darf.",
        "يرجى الموافقة حتى تتمكن الجهة المقدِّمة من التواصل معك.",
        "لطفاً موافقت کنید تا برگزارکننده بتواند با شما تماس بگیرد.",
        "Будь ласка, погодьтеся, щоб організатор міг із вами зв'язатися.",
        "Пожалуйста, дайте согласие, чтобы организатор мог с вами связаться.",
        "Sağlayıcının sizinle iletişime geçebilmesi için lütfen onay verin.",
    ),
    "Leave this field empty": (
        "Dieses Feld bitte leer lassen",
        "اترك هذا الحقل فارغًا",
        "این فیلد را خالی بگذارید",
        "Залиште це поле порожнім",
        "Оставьте это поле пустым",
        "Bu alanı boş bırakın",
    ),
    "Give an e-mail address or a phone number so that you can be reached.": (
        "Geben Sie eine E-Mail-Adresse oder Telefonnummer an, damit man Sie erreichen kann.",
        "أدخل بريدًا إلكترونيًا أو رقم هاتف حتى يمكن التواصل معك.",
        "یک ایمیل یا شماره تلفن وارد کنید تا بتوان با شما تماس گرفت.",
        "Вкажіть електронну пошту або телефон, щоб з вами можна було зв'язатися.",
        "Укажите электронную почту или телефон, чтобы с вами можно было связаться.",
        "Size ulaşılabilmesi için bir e-posta adresi veya telefon numarası girin.",
    ),
    "Change filters": (
        "Filter ändern",
        "تغيير عوامل التصفية",
        "تغییر فیلترها",
        "Змінити фільтри",
        "Изменить фильтры",
        "Filtreleri değiştir",
    ),
    "How to take part": (
        "So nehmen Sie teil",
        "كيفية المشاركة",
        "نحوه شرکت",
        "Як узяти участь",
        "Как принять участие",
        "Nasıl katılırım",
    ),
    "Please register before you come.": (
        "Bitte melden Sie sich an, bevor Sie kommen.",
        "يرجى التسجيل قبل الحضور.",
        "لطفاً پیش از آمدن ثبت‌نام کنید.",
        "Будь ласка, зареєструйтеся перед відвідуванням.",
        "Пожалуйста, зарегистрируйтесь до прихода.",
        "Lütfen gelmeden önce kayıt olun.",
    ),
    "Register now (no account needed)": (
        "Jetzt anmelden (ohne Konto)",
        "سجّل الآن (دون حساب)",
        "اکنون ثبت‌نام کنید (بدون حساب کاربری)",
        "Зареєструватися зараз (без облікового запису)",
        "Зарегистрироваться сейчас (без учётной записи)",
        "Şimdi kayıt ol (hesap gerekmez)",
    ),
    "No registration needed – just come along.": (
        "Keine Anmeldung nötig – kommen Sie einfach vorbei.",
        "لا حاجة للتسجيل – تعال ببساطة.",
        "نیازی به ثبت‌نام نیست – فقط بیایید.",
        "Реєстрація не потрібна – просто приходьте.",
        "Регистрация не нужна – просто приходите.",
        "Kayıt gerekmez – gelmeniz yeterli.",
    ),
    "Contact the provider:": (
        "Kontakt zum Anbieter:",
        "التواصل مع الجهة المقدِّمة:",
        "تماس با برگزارکننده:",
        "Зв'язатися з організатором:",
        "Связаться с организатором:",
        "Sağlayıcıyla iletişim:",
    ),
    "Contact:": ("Kontakt:", "التواصل:", "تماس:", "Контакт:", "Контакт:", "İletişim:"),
    "E-mail": ("E-Mail", "البريد الإلكتروني", "ایمیل", "Ел. пошта", "Эл. почта", "E-posta"),
    "Show on a map (OpenStreetMap)": (
        "Auf der Karte zeigen (OpenStreetMap)",
        "عرض على الخريطة (OpenStreetMap)",
        "نمایش روی نقشه (OpenStreetMap)",
        "Показати на мапі (OpenStreetMap)",
        "Показать на карте (OpenStreetMap)",
        "Haritada göster (OpenStreetMap)",
    ),
    "Route": ("Route", "المسار", "مسیریابی", "Маршрут", "Маршрут", "Yol tarifi"),
    "Register": ("Anmelden", "التسجيل", "ثبت‌نام", "Реєстрація", "Регистрация", "Kayıt"),
    "Back to the offer": (
        "Zurück zum Angebot",
        "العودة إلى العرض",
        "بازگشت به برنامه",
        "Назад до пропозиції",
        "Назад к предложению",
        "Hizmete geri dön",
    ),
    "Thank you. Your request has been sent.": (
        "Danke. Ihre Anmeldung wurde gesendet.",
        "شكرًا. تم إرسال طلبك.",
        "سپاس. درخواست شما ارسال شد.",
        "Дякуємо. Вашу заявку надіслано.",
        "Спасибо. Ваша заявка отправлена.",
        "Teşekkürler. Başvurunuz gönderildi.",
    ),
    "%(provider)s will contact you. If you do not hear back within a week, please contact the provider directly.": (
        "%(provider)s meldet sich bei Ihnen. Wenn Sie innerhalb einer Woche nichts hören, "
        "wenden Sie sich bitte direkt an den Anbieter.",
        "ستتواصل معك %(provider)s. إذا لم تتلقَّ ردًا خلال أسبوع، يرجى التواصل مع الجهة مباشرة.",
        "%(provider)s با شما تماس می‌گیرد. اگر ظرف یک هفته پاسخی نگرفتید، مستقیماً با برگزارکننده "
        "تماس بگیرید.",
        "%(provider)s зв'яжеться з вами. Якщо протягом тижня відповіді не буде, зверніться до "
        "організатора напряму.",
        "%(provider)s свяжется с вами. Если в течение недели ответа не будет, обратитесь к "
        "организатору напрямую.",
        "%(provider)s sizinle iletişime geçecek. Bir hafta içinde yanıt almazsanız lütfen "
        "doğrudan sağlayıcıya başvurun.",
    ),
    "Your request goes to %(provider)s, who will contact you. You do not need an account.": (
        "Ihre Anmeldung geht an %(provider)s; dort meldet man sich bei Ihnen. Sie brauchen "
        "kein Konto.",
        "يُرسل طلبك إلى %(provider)s التي ستتواصل معك. لا تحتاج إلى حساب.",
        "درخواست شما به %(provider)s فرستاده می‌شود و آن‌ها با شما تماس می‌گیرند. به حساب کاربری "
        "نیاز ندارید.",
        "Ваша заявка надійде до %(provider)s, і з вами зв'яжуться. Обліковий запис не потрібен.",
        "Ваша заявка поступит в %(provider)s, и с вами свяжутся. Учётная запись не нужна.",
        "Başvurunuz %(provider)s kurumuna gider; sizinle iletişime geçilir. Hesaba gerek yok.",
    ),
    "Please correct the marked entries. Nothing has been sent yet.": (
        "Bitte korrigieren Sie die markierten Angaben. Es wurde noch nichts gesendet.",
        "يرجى تصحيح الحقول المحددة. لم يُرسل شيء بعد.",
        "لطفاً موارد مشخص‌شده را اصلاح کنید. هنوز چیزی ارسال نشده است.",
        "Будь ласка, виправте позначені поля. Ще нічого не надіслано.",
        "Пожалуйста, исправьте отмеченные поля. Пока ничего не отправлено.",
        "Lütfen işaretli alanları düzeltin. Henüz hiçbir şey gönderilmedi.",
    ),
    "optional": (
        "optional",
        "اختياري",
        "اختیاری",
        "необов'язково",
        "необязательно",
        "isteğe bağlı",
    ),
    "Send registration": (
        "Anmeldung senden",
        "إرسال الطلب",
        "ارسال درخواست",
        "Надіслати заявку",
        "Отправить заявку",
        "Başvuruyu gönder",
    ),
    "I agree that %(provider)s receives these details to contact me about this offer. They are used for nothing else and deleted when no longer needed.": (
        "Ich bin einverstanden, dass %(provider)s diese Angaben erhält, um mich zu diesem "
        "Angebot zu kontaktieren. Sie werden für nichts anderes verwendet und gelöscht, wenn sie "
        "nicht mehr gebraucht werden.",
        "أوافق على أن تتلقى %(provider)s هذه البيانات للتواصل معي بشأن هذا العرض. لا تُستخدم "
        "لأي غرض آخر وتُحذف عندما لا تعود ضرورية.",
        "موافقم که %(provider)s این اطلاعات را برای تماس با من دربارهٔ این برنامه دریافت کند. از "
        "آن‌ها برای هیچ کار دیگری استفاده نمی‌شود و وقتی دیگر لازم نباشند حذف می‌شوند.",
        "Я погоджуюся, що %(provider)s отримає ці дані, щоб зв'язатися зі мною щодо цієї "
        "пропозиції. Вони не використовуються ні для чого іншого і видаляються, коли більше не "
        "потрібні.",
        "Я согласен(на), что %(provider)s получит эти данные, чтобы связаться со мной по этому "
        "предложению. Они не используются ни для чего другого и удаляются, когда больше не "
        "нужны.",
        "%(provider)s kurumunun bu hizmetle ilgili benimle iletişime geçmek için bu bilgileri "
        "almasını kabul ediyorum. Başka hiçbir amaçla kullanılmaz ve artık gerekmediğinde "
        "silinir.",
    ),
    "Too many requests from your connection. Please try again later or contact the provider directly.": (
        "Zu viele Anfragen von Ihrem Anschluss. Bitte versuchen Sie es später erneut oder "
        "wenden Sie sich direkt an den Anbieter.",
        "طلبات كثيرة جدًا من اتصالك. يرجى المحاولة لاحقًا أو التواصل مع الجهة مباشرة.",
        "درخواست‌های بیش از حد از اتصال شما. لطفاً بعداً دوباره تلاش کنید یا مستقیماً با "
        "برگزارکننده تماس بگیرید.",
        "Забагато запитів з вашого з'єднання. Спробуйте пізніше або зверніться до організатора "
        "напряму.",
        "Слишком много запросов с вашего подключения. Попробуйте позже или обратитесь к "
        "организатору напрямую.",
        "Bağlantınızdan çok fazla istek geldi. Lütfen daha sonra tekrar deneyin veya doğrudan "
        "sağlayıcıya başvurun.",
    ),
    "The form was too old or sent too quickly. Please send it again.": (
        "Das Formular war zu alt oder wurde zu schnell gesendet. Bitte senden Sie es erneut.",
        "كان النموذج قديمًا جدًا أو أُرسل بسرعة كبيرة. يرجى إرساله مرة أخرى.",
        "فرم خیلی قدیمی بود یا خیلی سریع ارسال شد. لطفاً دوباره ارسال کنید.",
        "Форма застаріла або була надіслана занадто швидко. Надішліть її ще раз.",
        "Форма устарела или была отправлена слишком быстро. Отправьте её ещё раз.",
        "Form çok eskiydi veya çok hızlı gönderildi. Lütfen yeniden gönderin.",
    ),
}

# Plural: msgid → per language the list of forms (gettext plural rules of that language).
P: dict[str, dict[str, list[str]]] = {
    "%(n)s offer found": {
        "de": ["%(n)s Angebot gefunden", "%(n)s Angebote gefunden"],
        "ar": [
            "%(n)s عرض",
            "عرض واحد (%(n)s)",
            "عرضان (%(n)s)",
            "%(n)s عروض",
            "%(n)s عرضًا",
            "%(n)s عرض",
        ],
        "fa": ["%(n)s برنامه پیدا شد", "%(n)s برنامه پیدا شد"],
        "uk": [
            "Знайдено %(n)s пропозицію",
            "Знайдено %(n)s пропозиції",
            "Знайдено %(n)s пропозицій",
            "Знайдено %(n)s пропозицій",
        ],
        "ru": [
            "Найдено %(n)s предложение",
            "Найдено %(n)s предложения",
            "Найдено %(n)s предложений",
            "Найдено %(n)s предложений",
        ],
        "tr": ["%(n)s hizmet bulundu", "%(n)s hizmet bulundu"],
    },
}
LANGS = ("de", "ar", "fa", "uk", "ru", "tr")


def write() -> list[str]:
    import re
    from pathlib import Path

    import polib

    missing: list[str] = []
    base = Path(__file__).resolve().parent.parent / "locale"
    for i, lang in enumerate(LANGS):
        path = base / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        for e in po:
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
            e.previous_msgid = None
            if e.msgid_plural:
                forms = P.get(e.msgid, {}).get(lang)
                if not forms:
                    missing.append(f"{lang}: {e.msgid}")
                    continue
                count = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
                e.msgstr_plural = {n: forms[min(n, len(forms) - 1)] for n in range(count)}
            elif e.msgid in T:
                e.msgstr = T[e.msgid][i]
            else:
                missing.append(f"{lang}: {e.msgid}")
        po.save()
    return missing


if __name__ == "__main__":
    print(write() or "all translated")
