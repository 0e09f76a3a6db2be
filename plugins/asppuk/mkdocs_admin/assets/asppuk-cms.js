// How Decap CMS reads and writes the site's files (loaded as a module after
// decap-cms.js, which waits for it: decap-setup.js sets CMS_MANUAL_INIT).
//
// 1. Lists, narrowed by path. Decap lists every file of a folder with the
//    collection's extension: products/<jarpuk>/ holds the JarPUK's profile
//    and producers beside its products, and a post's English translation
//    (x.en.md) ends in .md too. Its collection `filter` matches one exact
//    value only, so the narrowing is done where the backend lists a folder.
// 2. Formats. `asppuk-yaml` and `asppuk-frontmatter` write back only the
//    values a staff member changed, into the file as it was: comments, key
//    order, quoting and block style stay, and `git diff` shows the edit and
//    nothing else. producers.yml is a list, shown as one field `producers`.
//    A post whose title is its `# heading` (no `title:` in the front matter)
//    shows that heading as its title and keeps it a heading.
//
// tests/test_admin.py runs these formats in Node.js on every file of the
// sample site (read then written unchanged gives the same bytes) and walks
// the editor in Chromium against decap-server writing into a git clone.

import { Document, isMap, isScalar, isSeq, parseDocument } from './yaml/index.js';

const ORIGINAL = '__asppuk_original';    // the file's YAML as read (never written)
const TITLE_IN_BODY = '__asppuk_heading'; // the title is the body's first heading
const PRODUCERS = 'producers';
// As our files are written: no folding of long lines, [a, b] without inner spaces
const OUTPUT = { lineWidth: 0, flowCollectionPadding: false };
const SCHEMAS = '../../plugins/asppuk/datafiles/schemas/';

// Which files of a listed folder are entries of a collection with this extension
export function listed(path, extension) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (extension === 'md') return !/\.[a-z]{2}\.md$/.test(name); // translations have their own collection
    if (extension === 'yml') return !['jarpuk.yml', 'producers.yml', 'book.yml', 'categories.yml'].includes(name);
    return true;
}

function parse(text) {
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) throw new Error(doc.errors.map(e => e.message).join('\n'));
    return doc;
}

function empty(value) {
    return value === undefined || value === null || value === '' ||
        (Array.isArray(value) && value.length === 0) ||
        (isPlainObject(value) && Object.values(value).every(empty));
}

function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function equal(a, b) {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
    if (isPlainObject(a) && isPlainObject(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].every(k => (empty(a[k]) && empty(b[k])) || equal(a[k], b[k]));
    }
    return false;
}

// Without the fields nobody filled in (Decap keeps '' for a cleared text box)
function pruned(value) {
    if (Array.isArray(value)) return value.map(pruned);
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => !empty(v)).map(([k, v]) => [k, pruned(v)]));
}

// Change `node` (holding `before`) so that it holds `after`, touching nothing else
function update(doc, node, before, after, order) {
    if (equal(before, after)) return node;
    if (isMap(node) && isPlainObject(before) && isPlainObject(after)) {
        for (const key of Object.keys(before)) {
            if (empty(after[key])) node.delete(key);
        }
        for (const [key, value] of Object.entries(after)) {
            if (empty(value)) continue;
            if (node.has(key)) {
                const child = node.get(key, true);
                const changed = update(doc, child, before[key], value, []);
                if (changed !== child) node.set(key, changed);
            } else {
                insert(doc, node, key, pruned(value), order);
            }
        }
        return node;
    }
    if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) {
        // One item removed: remove its node, and the others stay as they are
        if (after.length === before.length - 1) {
            const at = after.findIndex((value, i) => !equal(before[i], value));
            const gone = at < 0 ? before.length - 1 : at;
            if (equal([...before.slice(0, gone), ...before.slice(gone + 1)], after)) {
                node.items.splice(gone, 1);
                return node;
            }
        }
        // Otherwise item by item; items added at the end are appended (a list
        // written [a, b] stays on one line)
        after.forEach((value, i) => {
            if (i >= before.length) {
                node.items.push(doc.createNode(pruned(value)));
                return;
            }
            const child = node.items[i];
            const changed = update(doc, child, before[i], value, []);
            if (changed !== child) node.items[i] = changed;
        });
        node.items.splice(after.length);
        return node;
    }
    if (isScalar(node) && !isPlainObject(after) && !Array.isArray(after)) {
        // A block text keeps its final newline (the editor's text box drops it)
        if (typeof after === 'string' && typeof before === 'string' && before.endsWith('\n') && !after.endsWith('\n')) {
            after += '\n';
        }
        node.value = after;
        return node;
    }
    return doc.createNode(pruned(after));
}

// A new key goes after the keys that come before it in the form's order
function insert(doc, map, key, value, order) {
    const pair = doc.createPair(key, value);
    const rank = order.indexOf(key);
    let at = map.items.length;
    if (rank >= 0) {
        const later = map.items.findIndex(item => order.indexOf(String(item.key?.value ?? item.key)) > rank);
        if (later >= 0) at = later;
    }
    map.items.splice(at, 0, pair);
}

// The YAML of `value`: the original text edited in place, or a new document
function yamlText(original, value, order, header) {
    if (original !== undefined) {
        const doc = parse(original);
        if (equal(doc.toJS() ?? {}, value)) return original; // unchanged: the same bytes
        const changed = update(doc, doc.contents, doc.toJS(), value, order);
        if (changed !== doc.contents) doc.contents = changed;
        return doc.toString(OUTPUT);
    }
    const doc = new Document();
    const fresh = pruned(value);
    doc.contents = doc.createNode(isPlainObject(fresh) ? sortedObject(fresh, order) : fresh);
    if (header) doc.commentBefore = header;
    return doc.toString(OUTPUT);
}

function sortedObject(value, order) {
    const rank = key => (order.indexOf(key) < 0 ? order.length : order.indexOf(key));
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => rank(a) - rank(b)));
}

// The schema comment a new file starts with, as `make new-product` writes it
function schemaComment(value) {
    if (Array.isArray(value)) return ` yaml-language-server: $schema=${SCHEMAS}producers.schema.json`;
    if (isPlainObject(value) && 'unit' in value) return ` yaml-language-server: $schema=${SCHEMAS}product.schema.json`;
    return undefined;
}

export const asppukYaml = {
    fromFile(content) {
        const doc = parse(content);
        const data = doc.toJS() ?? {};
        const value = Array.isArray(data) ? { [PRODUCERS]: data } : data;
        return { ...value, [ORIGINAL]: content };
    },
    toFile(data, order = []) {
        const { [ORIGINAL]: original, ...value } = data;
        const wasList = original !== undefined && Array.isArray(parse(original).toJS());
        const written = wasList ? (value[PRODUCERS] ?? []) : value;
        return yamlText(original, written, order, original === undefined ? schemaComment(written) : undefined);
    },
};

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;
const HEADING = /^\s*#[ \t]+(.+?)[ \t]*#*[ \t]*\r?\n/;

export const asppukFrontMatter = {
    fromFile(content) {
        const match = content.match(FRONT_MATTER);
        const yaml = match ? (match[1] ?? '') : '';
        let body = match ? content.slice(match[0].length) : content;
        const data = yaml.trim() ? (parse(yaml).toJS() ?? {}) : {};
        const entry = { ...data, [ORIGINAL]: yaml };
        if (!('title' in data)) {
            const heading = body.match(HEADING);
            if (heading) {
                entry.title = heading[1];
                entry[TITLE_IN_BODY] = true;
                body = body.slice(heading[0].length);
            }
        }
        entry.body = body.replace(/^\s*\n/, '');
        return entry;
    },
    toFile(data, order = []) {
        const { [ORIGINAL]: original, [TITLE_IN_BODY]: inBody, body = '', original: _pickedOriginal, ...front } = data;
        let text = String(body).replace(/\s+$/, '');
        if (inBody) {
            text = `# ${front.title}\n\n${text}`;
            delete front.title;
        }
        const fields = order.filter(name => name !== 'body' && name !== 'original');
        const yaml = yamlText(original, front, fields);
        return `---\n${yaml.trim() === '{}' ? '' : yaml}---\n\n${text}\n`;
    },
};

// The backend's folder listings, narrowed (see 1. above)
function narrow(backend) {
    for (const method of ['entriesByFolder', 'allEntriesByFolder']) {
        const list = backend[method];
        if (typeof list !== 'function') continue;
        backend[method] = async function (folder, extension, ...rest) {
            const entries = await list.call(this, folder, extension, ...rest);
            const kept = entries.filter(entry => listed(entry.file?.path ?? entry.path ?? '', extension));
            for (const symbol of Object.getOwnPropertySymbols(entries)) kept[symbol] = entries[symbol]; // the cursor
            return kept;
        };
    }
    return backend;
}

// The blog's excerpt separator, as a block of the rich-text editor (typed as
// text there it would be escaped and lost)
export const moreBlock = {
    id: 'asppuk-more',
    label: 'Batas ringkasan',
    fields: [],
    pattern: /^<!-- more -->$/,
    fromBlock: () => ({}),
    toBlock: () => '<!-- more -->',
    toPreview: () => '<hr title="Batas ringkasan">',
};

export function register(CMS) {
    CMS.registerEditorComponent(moreBlock);
    CMS.registerCustomFormat('asppuk-yaml', 'yml', asppukYaml);
    CMS.registerCustomFormat('asppuk-frontmatter', 'md', asppukFrontMatter);
    // getBackend returns the registry's own entry: wrapping its init narrows
    // every backend Decap may pick (github; proxy is decap-server, chosen by
    // local_backend; test-repo in the tests)
    for (const name of ['github', 'proxy', 'test-repo']) {
        const entry = CMS.getBackend(name);
        if (!entry) continue;
        const init = entry.init;
        entry.init = (...args) => narrow(init(...args));
    }
}

if (typeof window !== 'undefined' && window.CMS) {
    register(window.CMS);
    window.CMS.init();
}
