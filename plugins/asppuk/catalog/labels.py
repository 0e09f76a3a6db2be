"""The catalogue's words in each language, and its data in the page's language.

``LABELS[code]`` holds every string the catalogue's pages, scripts and
messages print (templates print them from the view, never write them
themselves). :class:`Text` is a value from the data in the language it is
in: on an English page a missing translation shows the Indonesian text,
which templates mark with ``lang="id"`` (and, for prose, a short note). No
MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from asppuk.languages import ENGLISH, INDONESIAN, Language

LABELS: dict[str, dict[str, str]] = {
    "id": {
        # page titles and descriptions
        "catalogue": "Katalog produk",
        "catalogue_description": "Produk perempuan usaha kecil dari jaringan ASPPUK: tenun, batik, makanan dan kerajinan.",
        "finder": "Cari produk",
        "finder_description": "Cari produk PUK dan saring menurut kategori, wilayah, harga dan lainnya.",
        "inquiry": "Daftar tanya",
        "inquiry_description": "Daftar produk yang ingin Anda tanyakan kepada JarPUK.",
        "networks": "JarPUK",
        "networks_description": "Jaringan perempuan usaha kecil (JarPUK) di setiap kabupaten dan kota.",
        "regions": "Produk menurut wilayah",
        "regions_description": "Produk PUK dari lima wilayah ASPPUK.",
        "region_title": "Wilayah {region}",
        "listing_description": "Produk PUK dari {title}.",
        "listing_page": "{title} (halaman {page})",
        "jarpuk_description": "{name}, {place}: produk dan produsen anggota.",
        "print_title": "Katalog {name}",
        "print_description": "Katalog cetak produk {name} untuk pameran.",
        "producer_description": "{name}, anggota {jarpuk}.",
        "product_description": "{name} dari {producer}, {jarpuk}. {price} per {unit}.",
        # navigation
        "products": "Produk",
        "breadcrumb": "Remah roti",
        "pages": "Halaman",
        "previous": "‹ Sebelumnya",
        "next": "Berikutnya ›",
        "all_networks": "Semua JarPUK",
        # catalogue home
        "home_lead": "{products} produk dari {producers} produsen di {jarpuks} JarPUK. Setiap produk dibuat oleh "
                     "perempuan usaha kecil; hubungi mereka atau JarPUK-nya langsung lewat WhatsApp, telepon atau email.",
        "search_and_filter": "Cari dan saring produk",
        "categories": "Kategori",
        "featured": "Produk pilihan",
        "newest": "Terbaru",
        "by_region": "Menurut wilayah",
        "open_data": "Data terbuka",
        "open_data_lead": "Seluruh katalog dapat diunduh untuk pembeli dan mitra:",
        "download_csv": "Katalog CSV (Excel)",
        "download_json": "Katalog JSON",
        "download_schema": "Skema JSON",
        "n_products": "{n} produk",
        "n_networks": "{n} JarPUK",
        # product page
        "made_by": "Dibuat oleh",
        "order_or_ask": "Pesan atau tanya produk ini",
        "details_for_buyers": "Keterangan untuk pembeli",
        "about_product": "Tentang produk",
        "related": "Produk terkait",
        "no_photo": "{name} (belum ada foto)",
        "photos_region": "Foto produk ({n}), geser ke samping",
        "per": "/",
        "add_to_inquiry": "Tambah ke daftar tanya",
        "in_inquiry": "Sudah di daftar tanya",
        "see_inquiry": "Lihat daftar tanya",
        # facts
        "availability": "Ketersediaan",
        "unit": "Satuan",
        "min_order": "Pesanan minimum",
        "capacity": "Kapasitas per bulan",
        "lead_time": "Lama pengerjaan",
        "days": "{n} hari",
        "materials": "Bahan",
        "size": "Ukuran",
        "weight": "Berat",
        "grams": "{n} gram",
        "certifications": "Sertifikasi",
        "kind": "Jenis",
        "group": "Kelompok",
        "village": "Desa/kelurahan",
        "scale": "Skala usaha",
        "since": "Berusaha sejak",
        "members": "Anggota PUK",
        "kpuk": "KPUK",
        "villages": "Desa",
        "subdistricts": "Kecamatan",
        # contact
        "contact": "Hubungi {name}",
        "via_network": "Pesan Anda diterima oleh {name}, yang meneruskannya kepada produsen.",
        "direct": "Pesan Anda langsung diterima oleh {name}.",
        "whatsapp": "Kirim pesan WhatsApp",
        "call": "Telepon {phone}",
        "email": "Email {email}",
        "ask_subject": "Pertanyaan: {name}",
        "ask_product": "Halo, saya tertarik dengan produk {name} dari {producer} ({jarpuk}) di katalog ASPPUK: {url}",
        "ask_producer": "Halo, saya ingin bertanya tentang produk {name} ({jarpuk}) di katalog ASPPUK: {url}",
        "ask_network": "Halo {name}, saya ingin bertanya tentang produk anggota Anda di katalog ASPPUK: {url}",
        # JarPUK, producer pages
        "supported_by": "didampingi {ornop}",
        "print_catalogue": "Katalog cetak untuk pameran (A4)",
        "makers": "Produsen",
        "maker_line": "{kind}, {n} produk",
        "stories_about": "Cerita tentang {name}",
        "networks_lead": "JarPUK adalah jaringan perempuan usaha kecil di tingkat kabupaten atau kota.",
        # print catalogue
        "ordering": "Pemesanan:",
        "phone_whatsapp": "Telepon/WhatsApp {phone}",
        "print_this": "Cetak katalog ini",
        "scan_hint": "Pindai kode QR untuk membuka halaman produk.",
        # prices
        "price_on_request": "Harga: hubungi kami",
        "band_on_request": "Harga hubungi kami",
        "band_below": "Di bawah {a}",
        "band_between": "{a} – {b}",
        "band_above": "{a} ke atas",
        # finder (browser script)
        "keyword": "Kata kunci",
        "keyword_example": "misalnya: tenun, abon, songket",
        "search": "Cari",
        "filter": "Saring",
        "filter_products": "Saring produk",
        "loading": "Memuat produk…",
        "searching": "Mencari…",
        "results": "Hasil",
        "more": "Tampilkan lebih banyak",
        "see_results": "Lihat {n} hasil", "see_results_one": "Lihat 1 hasil", "see_results_wait": "Lihat hasil",
        "chosen": "{n} dipilih",
        "found": "{n} produk",
        "found_for": "{n} produk untuk “{q}”",
        "no_script_finder": "Pencarian memerlukan JavaScript. Tanpa JavaScript, telusuri produk menurut kategori atau wilayah:",
        "filter_kategori": "Kategori", "filter_wilayah": "Wilayah", "filter_provinsi": "Provinsi",
        "filter_jarpuk": "JarPUK", "filter_harga": "Harga", "filter_ketersediaan": "Ketersediaan",
        "filter_sertifikasi": "Sertifikasi",
        "product_kind": "Produk",
        # inquiry list (browser script)
        "inquiry_lead": "Kumpulkan beberapa produk, atur jumlahnya, lalu kirim satu pesan untuk setiap JarPUK. "
                        "Daftar ini hanya tersimpan di peramban Anda.",
        "no_script_inquiry": "Daftar tanya memerlukan JavaScript. Tanpa JavaScript, gunakan tombol WhatsApp, "
                             "telepon atau email di setiap halaman produk.",
        "inquiry_empty": "Daftar tanya masih kosong. Buka halaman produk dan tekan “Tambah ke daftar tanya”.",
        "col_product": "Produk", "col_quantity": "Jumlah", "col_remove": "Hapus",
        "quantity_of": "Jumlah {name}",
        "remove": "Hapus", "remove_of": "Hapus {name} dari daftar tanya",
        "send_whatsapp": "Kirim lewat WhatsApp ke {name}", "send_email": "Kirim email", "call_network": "Telepon {name}",
        "clear": "Kosongkan daftar",
        "inquiry_greeting": "Halo {name}, saya ingin menanyakan produk berikut dari katalog ASPPUK:",
        "inquiry_closing": "Mohon informasi harga, ketersediaan dan ongkos kirim. Terima kasih.",
        "inquiry_subject": "Pertanyaan produk dari katalog ASPPUK",
        "inquiry_reset": "Daftar tanya yang tersimpan di peramban ini tidak dapat dibaca, jadi daftar dimulai dari awal.",
        "inquiry_dropped": "Entri rusak yang dihapus dari daftar tanya: {n}. Produk lainnya tetap tersimpan.",
        # translations
        "in_other_language": "",
    },
    "en": {
        "catalogue": "Product catalogue",
        "catalogue_description": "Products of women in small business from the ASPPUK network: handwoven textiles, "
                                 "batik, food and crafts from Indonesia.",
        "finder": "Search products",
        "finder_description": "Search the products and filter them by category, region, price and more.",
        "inquiry": "Inquiry list",
        "inquiry_description": "The products you want to ask the networks about.",
        "networks": "JarPUK networks",
        "networks_description": "The district and city networks of women in small business (JarPUK).",
        "regions": "Products by region",
        "regions_description": "Products from ASPPUK's five regions of Indonesia.",
        "region_title": "{region} region",
        "listing_description": "Products of women in small business: {title}.",
        "listing_page": "{title} (page {page})",
        "jarpuk_description": "{name}, {place}: its makers and their products.",
        "print_title": "{name} catalogue",
        "print_description": "Printable product catalogue of {name} for trade fairs.",
        "producer_description": "{name}, a member of {jarpuk}.",
        "product_description": "{name} by {producer}, {jarpuk}. {price} per {unit}.",
        "products": "Products",
        "breadcrumb": "Breadcrumb",
        "pages": "Pages",
        "previous": "‹ Previous",
        "next": "Next ›",
        "all_networks": "All JarPUK networks",
        "home_lead": "{products} products by {producers} makers in {jarpuks} JarPUK networks. Every product is made "
                     "by women who run small businesses; contact them or their network directly by WhatsApp, "
                     "phone or email.",
        "search_and_filter": "Search and filter products",
        "categories": "Categories",
        "featured": "Featured products",
        "newest": "Newest",
        "by_region": "By region",
        "open_data": "Open data",
        "open_data_lead": "The whole catalogue can be downloaded by buyers and partners:",
        "download_csv": "Catalogue as CSV (Excel)",
        "download_json": "Catalogue as JSON",
        "download_schema": "JSON schema",
        "n_products": "{n} products",
        "n_products_one": "1 product",
        "n_networks": "{n} JarPUK",
        "made_by": "Made by",
        "order_or_ask": "Order or ask about this product",
        "details_for_buyers": "Details for buyers",
        "about_product": "About the product",
        "related": "Related products",
        "no_photo": "{name} (no photo yet)",
        "photos_region": "Product photos ({n}), swipe sideways",
        "per": "per",
        "add_to_inquiry": "Add to inquiry list",
        "in_inquiry": "In your inquiry list",
        "see_inquiry": "See inquiry list",
        "availability": "Availability",
        "unit": "Unit",
        "min_order": "Minimum order",
        "capacity": "Capacity per month",
        "lead_time": "Lead time",
        "days": "{n} days",
        "materials": "Materials",
        "size": "Size",
        "weight": "Weight",
        "grams": "{n} g",
        "certifications": "Certifications",
        "kind": "Kind",
        "group": "Group",
        "village": "Village",
        "scale": "Business scale",
        "since": "In business since",
        "members": "Members",
        "kpuk": "Village groups (KPUK)",
        "villages": "Villages",
        "subdistricts": "Sub-districts",
        "contact": "Contact {name}",
        "via_network": "Your message goes to {name}, who passes it on to the maker.",
        "direct": "Your message goes straight to {name}.",
        "whatsapp": "Send a WhatsApp message",
        "call": "Call {phone}",
        "email": "Email {email}",
        "ask_subject": "Question: {name}",
        "ask_product": "Hello, I am interested in {name} by {producer} ({jarpuk}) in the ASPPUK catalogue: {url}",
        "ask_producer": "Hello, I would like to ask about the products of {name} ({jarpuk}) in the ASPPUK catalogue: {url}",
        "ask_network": "Hello {name}, I would like to ask about your members' products in the ASPPUK catalogue: {url}",
        "supported_by": "supported by {ornop}",
        "print_catalogue": "Printable catalogue for trade fairs (A4)",
        "makers": "Makers",
        "maker_line": "{kind}, {n} products",
        "maker_line_one": "{kind}, 1 product",
        "stories_about": "Stories about {name} (in Indonesian)",
        "networks_lead": "A JarPUK is a network of women in small business at district or city level.",
        "ordering": "Orders:",
        "phone_whatsapp": "Phone/WhatsApp {phone}",
        "print_this": "Print this catalogue",
        "scan_hint": "Scan a code to open the product page.",
        "price_on_request": "Price on request",
        "band_on_request": "Price on request",
        "band_below": "Under {a}",
        "band_between": "{a} – {b}",
        "band_above": "{a} and above",
        "keyword": "Keyword",
        "keyword_example": "for example: ikat, songket, tuna",
        "search": "Search",
        "filter": "Filter",
        "filter_products": "Filter products",
        "loading": "Loading products…",
        "searching": "Searching…",
        "results": "Results",
        "more": "Show more",
        "see_results": "See {n} results", "see_results_one": "See 1 result", "see_results_wait": "See results",
        "chosen": "{n} chosen",
        "found": "{n} products",
        "found_one": "1 product",
        "found_for": "{n} products for “{q}”",
        "found_for_one": "1 product for “{q}”",
        "no_script_finder": "Search needs JavaScript. Without it, browse the products by category or region:",
        "filter_kategori": "Category", "filter_wilayah": "Region", "filter_provinsi": "Province",
        "filter_jarpuk": "JarPUK", "filter_harga": "Price", "filter_ketersediaan": "Availability",
        "filter_sertifikasi": "Certification",
        "product_kind": "Product",
        "inquiry_lead": "Collect several products, set the quantities, then send one message to each network. "
                        "The list is kept in your browser only.",
        "no_script_inquiry": "The inquiry list needs JavaScript. Without it, use the WhatsApp, phone or email "
                             "buttons on each product page.",
        "inquiry_empty": "Your inquiry list is empty. Open a product page and press “Add to inquiry list”.",
        "col_product": "Product", "col_quantity": "Quantity", "col_remove": "Remove",
        "quantity_of": "Quantity of {name}",
        "remove": "Remove", "remove_of": "Remove {name} from the inquiry list",
        "send_whatsapp": "Send by WhatsApp to {name}", "send_email": "Send an email", "call_network": "Call {name}",
        "clear": "Empty the list",
        "inquiry_greeting": "Hello {name}, I would like to ask about these products from the ASPPUK catalogue:",
        "inquiry_closing": "Please let me know the price, availability and shipping cost. Thank you.",
        "inquiry_subject": "Product inquiry from the ASPPUK catalogue",
        "inquiry_reset": "The inquiry list saved in this browser could not be read, so it has been started again.",
        "inquiry_dropped": "Damaged entries removed from the inquiry list: {n}. The other products are kept.",
        "in_other_language": "in Indonesian",
    },
}

# Names of the data's fixed values
REGIONS = {
    "id": {"sumatera": "Sumatera", "jawa": "Jawa", "kalimantan": "Kalimantan", "sulawesi": "Sulawesi",
           "nusa-tenggara": "Nusa Tenggara"},
    "en": {"sumatera": "Sumatra", "jawa": "Java", "kalimantan": "Kalimantan", "sulawesi": "Sulawesi",
           "nusa-tenggara": "Nusa Tenggara"},
}
SCALES = {
    "id": {"rintisan": "Rintisan", "berkembang": "Berkembang", "akumulasi-modal": "Akumulasi modal"},
    "en": {"rintisan": "Starting", "berkembang": "Growing", "akumulasi-modal": "Accumulating capital"},
}
KINDS = {
    "id": {"puk": "Perempuan usaha kecil (PUK)", "kpuk": "Kelompok PUK (KPUK)"},
    "en": {"puk": "Woman in small business (PUK)", "kpuk": "Village group of PUK (KPUK)"},
}
AVAILABILITY = {
    "id": {"ready": "Stok tersedia", "pre-order": "Pre-order", "made-to-order": "Dibuat sesuai pesanan"},
    "en": {"ready": "In stock", "pre-order": "Pre-order", "made-to-order": "Made to order"},
}
CERTIFICATIONS = {
    "id": {"pirt": "P-IRT", "halal": "Halal", "bpom": "BPOM", "sni": "SNI", "other": "Lainnya"},
    "en": {"pirt": "P-IRT (home food industry licence)", "halal": "Halal", "bpom": "BPOM (food and drug agency)",
           "sni": "SNI (Indonesian standard)", "other": "Other"},
}


@dataclass(frozen=True, slots=True)
class Text:
    """A value from the data, and the language it is in. ``str()`` is the
    plain value (attributes, messages); a template marks it as Indonesian,
    through ``m.text``, when it stands on an English page for a missing
    translation (``fallback``)."""

    value: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)


def localized(language: Language, original: str | None, english: str | None) -> Text:
    """``original`` (Indonesian) or its English translation, for a page in ``language``."""
    if language is ENGLISH:
        if english:
            return Text(english, "en")
        return Text(original or "", INDONESIAN.code, fallback=bool(original))
    return Text(original or "", INDONESIAN.code)


def labels(language: Language) -> dict[str, str]:
    return LABELS[language.code]
