/**
 * `architecture/boundaries`: the import table of docs/architecture.md, checked on what an import
 * really reaches rather than on its text.
 *
 * Every module specifier a file names — `import`, `import type`, `export … from`, `import()`,
 * `require()`, `import x = require()`, `typeof import()` — is classified:
 * - a relative one is resolved against the file with Node's path rules (`../xuc/../sim/model` is
 *   `sim/model`), then matched against the zones' folders and files;
 * - a bare one is a Node built-in or an npm package; each package has a runtime (`universal`,
 *   `node`, `browser`, `electron`, `dev`) and each zone says which runtimes it may use. A package
 *   with no runtime in the table, or missing from package.json, is an error: a new dependency is a
 *   decision someone has to write down.
 * A zone may also forbid dynamic imports (the desk core loads nothing at run time).
 *
 * Options: `{ root, zones, packages, declared }` (see eslint.config.js). A zone is
 * `{ name, paths, imports, typeOnly?, runtimes, forbidPackages?, dynamicImports? }`
 * (`forbidPackages`: package → why, for one package a zone's runtimes would otherwise allow); `paths` and `imports` are
 * repo-relative folders or files without extension; the most specific zone containing a file wins.
 */
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const BUILTINS = new Set(builtinModules);
const EXTENSION = /\.(?:d\.)?(?:[cm]?[jt]sx?)$/;

/** Repo-relative, `/`-separated, without extension; null when outside the repo. */
export function repoPath(root, absolute) {
  const rel = relative(root, absolute);
  if (rel === '' || rel.startsWith('..') || resolve(root, rel) !== absolute) return null;
  return rel.split(sep).join('/').replace(EXTENSION, '');
}

const within = (path, prefix) => prefix === '*' || path === prefix || path.startsWith(`${prefix}/`);

/** The most specific zone whose paths contain `path`, or null. */
export function zoneOf(zones, path) {
  let best = null;
  let bestLength = -1;
  for (const zone of zones) {
    for (const prefix of zone.paths) {
      if (within(path, prefix) && prefix.length > bestLength) {
        best = zone;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/** `@scope/name/sub` → `@scope/name`; `preact/hooks` → `preact`. */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function isBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/**
 * What a specifier in `file` (absolute) reaches, for the zone `from`: null when allowed, else the
 * reason. Pure, so the table can be tested without ESLint.
 */
export function checkSpecifier(options, from, file, specifier, { typeOnly = false } = {}) {
  const { root, zones, packages, declared } = options;
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = repoPath(root, resolve(dirname(file), specifier));
    if (target === null) return `${specifier} resolves outside the repository.`;
    if (from.imports.some((prefix) => within(target, prefix))) return null;
    if (typeOnly && (from.typeOnly ?? []).some((prefix) => within(target, prefix))) return null;
    const reached = zoneOf(zones, target);
    const typesNote = (from.typeOnly ?? []).some((prefix) => within(target, prefix)) ? ' (types only)' : '';
    return `${from.name} may not import ${target}${reached ? ` (${reached.name})` : ''}${typesNote}.`;
  }
  if (isBuiltin(specifier)) {
    return from.runtimes.includes('node')
      ? null
      : `${from.name} runs outside Node: no Node built-ins (${specifier}).`;
  }
  const name = packageName(specifier);
  const runtime = packages[name];
  if (runtime === undefined) {
    return `Unknown package ${name}: give it a runtime in eslint.config.js's package table first.`;
  }
  if (!declared.has(name)) return `${name} is not declared in package.json.`;
  const why = from.forbidPackages?.[name];
  if (why !== undefined) return `${from.name} may not use ${name}: ${why}.`;
  if (from.runtimes.includes(runtime) || from.packages?.includes(name)) return null;
  return `${from.name} may not use ${name} (${runtime} runtime; ${from.name} may use ${from.runtimes.join(', ') || 'no packages'}).`;
}

const literalText = (node) => {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
};

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the architecture table on resolved module paths and package runtimes.' },
    schema: [{ type: 'object', additionalProperties: true }],
  },
  create(context) {
    const raw = context.options[0];
    const options = { ...raw, declared: new Set(raw.declared) };
    const file = context.filename;
    const own = repoPath(options.root, file);
    const from = own === null ? null : zoneOf(options.zones, own);
    if (from === null) {
      return {
        Program(node) {
          context.report({ node, message: `${own ?? file} belongs to no zone of the architecture table.` });
        },
      };
    }

    const check = (node, source, typeOnly) => {
      const specifier = literalText(source);
      if (specifier === null) {
        if (from.imports.includes('*')) return; // tooling may load what it computes
        context.report({ node, message: `${from.name}: a computed module specifier cannot be checked.` });
        return;
      }
      const problem = checkSpecifier(options, from, file, specifier, { typeOnly });
      if (problem !== null) context.report({ node: source, message: problem });
    };
    const dynamic = (node, source) => {
      if (from.dynamicImports === false) {
        context.report({
          node,
          message: `${from.name} loads nothing at run time: no dynamic import or require.`,
        });
      }
      check(node, source, false);
    };

    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportNamedDeclaration: (node) => {
        if (node.source) check(node, node.source, node.exportKind === 'type');
      },
      ImportExpression: (node) => dynamic(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          dynamic(node, node.arguments[0]);
      },
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          dynamic(node, node.moduleReference.expression);
        }
      },
      // `typeof import('x')`: a type, but still a dependency on x's shape.
      TSImportType: (node) => {
        const source =
          node.argument?.type === 'TSLiteralType' ? node.argument.literal : (node.source ?? node.argument);
        check(node, source, true);
      },
    };
  },
};
