// Read before decap-cms.js: Decap starts only when asppuk-cms.js has
// registered the formats and the lists it narrows, then calls CMS.init().
window.CMS_MANUAL_INIT = true;
