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
    "Offers in Essen": (
        "Angebote in Essen",
        "العروض في إيسن",
        "برنامه‌ها در اسن",
        "Пропозиції в Ессені",
        "Предложения в Эссене",
        "Essen'deki hizmetler",
    ),
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
        "nur Frauen",
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
