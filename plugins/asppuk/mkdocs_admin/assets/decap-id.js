// Decap CMS in Indonesian (placeholder: the full translation is being written)
CMS.registerLocale('id', {});
