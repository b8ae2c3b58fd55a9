// Extracts, for the resource and data source types Glassbox uses, the arguments, computed
// attributes and nested blocks of the AWS provider from @cdktn/provider-aws's generated bindings
// (each lib/<type>/index.js), into a compact JSON file ProviderSchemaTest reads.
// Usage: node extract.mjs PACKAGE_DIR OUT_FILE [extra types...]  (see refresh.sh)
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const [packageDir, outFile, ...extra] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const previous = existsSync(outFile) ? JSON.parse(readFileSync(outFile, "utf8")) : { types: {} };
const wanted = new Set([...Object.keys(previous.types), ...extra]);

const FLAGS = /\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)/g;
const ENTRY = /(\w+): \{\s*value: ([\s\S]*?),\s*isBlock: (true|false),/g;

function kind(computed, optional, required) {
  if (required === "true") return "required";
  if (optional === "true") return "optional";
  return computed === "true" ? "computed" : "optional";
}

function flags(body) {
  const attributes = {};
  for (const [, name, computed, optional, required] of body.matchAll(FLAGS)) {
    attributes[name] = kind(computed, optional, required);
  }
  return attributes;
}

/** The text of a top-level class, from its declaration to the next top-level export. */
function classBody(source, name) {
  const start = source.indexOf(`class ${name} `);
  if (start < 0) return "";
  const end = source.indexOf(`\nexports.${name} =`, start);
  return source.slice(start, end < 0 ? source.length : end);
}

/** Attributes and blocks of an attrs object literal, recursing into the struct a block maps. */
function describe(source, attrsText, flagsOf) {
  const attributes = {};
  const blocks = {};
  for (const [, name, value, isBlock] of attrsText.matchAll(ENTRY)) {
    if (isBlock === "true") {
      const struct = /(\w+)ToHclTerraform/.exec(value)[1];
      blocks[name] = struct;
    } else {
      attributes[name] = flagsOf[name] ?? "optional";
    }
  }
  for (const [name, kindOf] of Object.entries(flagsOf)) {
    if (!(name in attributes) && !(name in blocks)) attributes[name] = kindOf;
  }
  for (const [name, struct] of Object.entries(blocks)) {
    blocks[name] = nested(source, struct);
  }
  const result = { attributes };
  if (Object.keys(blocks).length) result.blocks = blocks;
  return result;
}

function nested(source, struct) {
  const start = source.indexOf(`function ${struct}ToHclTerraform(struct) {`);
  const end = source.indexOf("\n}\n", start);
  const className = struct[0].toUpperCase() + struct.slice(1) + "OutputReference";
  return describe(source, source.slice(start, end), flags(classBody(source, className)));
}

const found = {};
for (const dir of readdirSync(join(packageDir, "lib"))) {
  const file = join(packageDir, "lib", dir, "index.js");
  if (!existsSync(file)) continue;
  const source = readFileSync(file, "utf8");
  const type = /static tfResourceType = "([^"]+)"/.exec(source);
  if (!type) continue;
  const data = /extends cdktn\.TerraformDataSource/.test(source);
  const key = (data ? "data." : "") + type[1];
  if (!wanted.has(key)) continue;
  const main = /class (\w+) extends cdktn\.Terraform(Resource|DataSource) \{/.exec(source)[1];
  const body = classBody(source, main);
  const hcl = body.slice(body.indexOf("synthesizeHclAttributes()"));
  found[key] = describe(source, hcl, flags(body));
}
const missing = [...wanted].filter((t) => !(t in found));
if (missing.length) {
  console.error("not in the bindings: " + missing.join(", "));
  process.exit(1);
}
const sorted = Object.fromEntries(Object.keys(found).sort().map((k) => [k, found[k]]));
writeFileSync(outFile, JSON.stringify({
  about: "What ProviderSchemaTest checks the stack against: for each type Glassbox uses, its arguments "
    + "(required, optional) and computed attributes, and its nested blocks. Written by cdktf/schema/refresh.sh.",
  source: `${pkg.name} ${pkg.version}`,
  provider: `hashicorp/aws ${pkg.cdktf?.provider?.version ?? "unknown"}`,
  types: sorted,
}, null, 1) + "\n");
console.log(`wrote ${Object.keys(sorted).length} types from ${pkg.name} ${pkg.version} to ${outFile}`);
