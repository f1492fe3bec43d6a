// Renders each service's OpenAPI document as a readable reference: every operation under its gateway prefix, with
// its parameters (descriptions, allowed values), an example body and a curl line; then every schema with its
// fields and the meaning of its enumerations. No framework, no CDN: the gateway's Content-Security-Policy allows
// scripts from this origin only.
"use strict";

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function refName(ref) {
  return ref.split("/").pop();
}

/** The schema a `$ref` (or an `anyOf` with null, FastAPI's optional) stands for. */
function resolve(schema, schemas) {
  let current = schema || {};
  for (let depth = 0; depth < 5; depth += 1) {
    if (current.$ref) current = schemas[refName(current.$ref)] || {};
    else if (current.anyOf) {
      const notNull = current.anyOf.filter((option) => option.type !== "null");
      if (notNull.length !== 1) return current;
      current = notNull[0];
    } else return current;
  }
  return current;
}

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.type === "array") return `array of ${schemaName(schema.items)}`;
  if (schema.anyOf) return schema.anyOf.map(schemaName).join(" | ");
  if (schema.enum) return `${schema.type || "string"}: ${schema.enum.join(" | ")}`;
  return schema.format ? `${schema.type} (${schema.format})` : schema.type || "object";
}

/** The allowed values of a field or parameter, when it is an enumeration. */
function allowedValues(schema, schemas) {
  const resolved = resolve(schema, schemas);
  if (resolved.enum) return resolved.enum;
  if (resolved.type === "array") return allowedValues(resolved.items, schemas);
  return null;
}

const SAMPLE_STRINGS = {
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "date-time": "2026-11-23T08:30:00Z",
  date: "2026-11-23",
  email: "name@example.fi",
  uri: "https://partner.example/polku-events",
};

/** An example value for a schema: its own example where it has one, else one made from its type. */
function example(schema, schemas, depth = 0) {
  if (!schema || depth > 6) return null;
  if (schema.examples && schema.examples.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  if (schema.$ref) return example(schemas[refName(schema.$ref)], schemas, depth + 1);
  if (schema.anyOf || schema.oneOf) {
    const options = (schema.anyOf || schema.oneOf).filter((option) => option.type !== "null");
    return options.length ? example(options[0], schemas, depth + 1) : null;
  }
  if (schema.allOf && schema.allOf.length) return example(schema.allOf[0], schemas, depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  switch (schema.type) {
    case "object": {
      const result = {};
      for (const [name, property] of Object.entries(schema.properties || {})) {
        result[name] = example(property, schemas, depth + 1);
      }
      if (!schema.properties && schema.additionalProperties && typeof schema.additionalProperties === "object") {
        result.key = example(schema.additionalProperties, schemas, depth + 1);
      }
      return result;
    }
    case "array":
      return [example(schema.items, schemas, depth + 1)];
    case "integer":
      return schema.minimum !== undefined ? schema.minimum : 1;
    case "number":
      return 1.5;
    case "boolean":
      return true;
    case "string":
      return SAMPLE_STRINGS[schema.format] || (schema.minLength > 6 ? "x".repeat(schema.minLength) : "text");
    default:
      return schema.properties ? example({ ...schema, type: "object" }, schemas, depth + 1) : null;
  }
}

function pre(value) {
  return element("pre", {}, element("code", {}, typeof value === "string" ? value : JSON.stringify(value, null, 2)));
}

function curl(method, url, op, body) {
  const lines = [`curl -s${method === "get" ? "" : ` -X ${method.toUpperCase()}`} "$BASE${url}"`];
  if ((op.security || []).some((entry) => "HTTPBearer" in entry)) lines.push('-H "Authorization: Bearer $TOKEN"');
  const names = (op.parameters || []).filter((p) => p.in === "header").map((p) => p.name.toLowerCase());
  if (names.includes("if-match")) lines.push('-H "If-Match: $ETAG"');
  if (names.includes("idempotency-key")) lines.push('-H "Idempotency-Key: $(uuidgen)"');
  if (body !== undefined) {
    lines.push('-H "Content-Type: application/json"');
    lines.push(`-d '${JSON.stringify(body)}'`);
  }
  return lines.join(" \\\n  ");
}

function parameterTable(parameters, schemas) {
  const header = element("tr", {}, ...["name", "in", "required", "type", "description"].map((label) =>
    element("th", { scope: "col" }, label)));
  const rows = parameters.map((p) => {
    const values = allowedValues(p.schema, schemas);
    const resolved = resolve(p.schema, schemas);
    const description = [p.description || resolved.description || ""];
    if (values) description.push(` Allowed: ${values.join(", ")}.`);
    return element("tr", {}, element("td", {}, element("code", {}, p.name)), element("td", {}, p.in),
      element("td", {}, p.required ? "required" : "optional"), element("td", {}, schemaName(p.schema)),
      element("td", {}, description.join("").trim()));
  });
  return element("table", {}, element("caption", {}, "Parameters"), element("thead", {}, header),
    element("tbody", {}, ...rows));
}

function operation(prefix, path, method, op, schemas) {
  const url = `${prefix}${path}`;
  const title = element("summary", {}, element("span", { class: "method" }, method.toUpperCase()), element("code", {}, url),
    op.summary ? ` — ${op.summary}` : "");
  const body = [title];
  if (op.description) body.push(element("p", {}, op.description));
  if (op.security && op.security.length) {
    const webhook = op.security.some((entry) => "webhookSignature" in entry);
    body.push(element("p", {}, webhook ? "Signed as a Standard Webhook (see Start here)." : "Needs a bearer token."));
  }
  const parameters = op.parameters || [];
  if (parameters.length) body.push(parameterTable(parameters, schemas));
  const request = op.requestBody && Object.entries(op.requestBody.content || {})[0];
  let requestExample;
  if (request) {
    const [mediaType, content] = request;
    body.push(element("p", {}, "Request body (", element("code", {}, mediaType), "): ", element("code", {}, schemaName(content.schema))));
    if (mediaType === "application/json") {
      requestExample = example(content.schema, schemas);
      body.push(pre(requestExample));
    }
  }
  body.push(element("p", {}, "Example:"), pre(curl(method, url, op, requestExample)));
  const responses = Object.entries(op.responses || {}).map(([status, response]) => {
    const content = Object.entries(response.content || {})[0];
    const type = content ? ` ${content[0]} ${schemaName(content[1].schema)}` : "";
    return element("li", {}, element("code", {}, status), ` ${response.description || ""}${type}`);
  });
  body.push(element("p", {}, "Responses:"), element("ul", {}, ...responses));
  const success = Object.entries(op.responses || {}).find(([status]) => status.startsWith("2"));
  const successContent = success && success[1].content && success[1].content["application/json"];
  if (successContent && successContent.schema) {
    body.push(element("p", {}, `Example answer (${success[0]}):`), pre(example(successContent.schema, schemas)));
  }
  return element("details", {}, ...body);
}

function schemaSection(name, schema, schemas) {
  const parts = [element("summary", {}, element("code", {}, name), schema.enum ? " (enumeration)" : "")];
  if (schema.description) parts.push(element("p", { class: "prose" }, schema.description));
  if (schema.enum) {
    parts.push(element("p", {}, "Values: "), element("ul", {}, ...schema.enum.map((value) => element("li", {}, element("code", {}, String(value))))));
  }
  const properties = Object.entries(schema.properties || {});
  if (properties.length) {
    const required = new Set(schema.required || []);
    const rows = properties.map(([field, property]) => {
      const values = allowedValues(property, schemas);
      const resolved = resolve(property, schemas);
      const text = [property.description || resolved.description || ""];
      if (values) text.push(` Allowed: ${values.join(", ")}.`);
      const sample = property.examples && property.examples.length ? JSON.stringify(property.examples[0]) : "";
      return element("tr", {}, element("td", {}, element("code", {}, field)), element("td", {}, schemaName(property)),
        element("td", {}, required.has(field) ? "required" : "optional"), element("td", {}, text.join("").trim()),
        element("td", {}, sample ? element("code", {}, sample) : ""));
    });
    parts.push(element("table", {}, element("caption", {}, `Fields of ${name}`),
      element("thead", {}, element("tr", {}, ...["field", "type", "required", "description", "example"].map((label) => element("th", { scope: "col" }, label)))),
      element("tbody", {}, ...rows)));
  }
  return element("details", { id: `${name}` }, ...parts);
}

async function render(section) {
  const service = section.dataset.service;
  const status = section.querySelector(".status");
  try {
    const response = await fetch(`/api/${service}/openapi.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const documentJson = await response.json();
    const prefix = ((documentJson.servers || [])[0] || {}).url || `/api/${service}`;
    const schemas = (documentJson.components || {}).schemas || {};
    status.textContent = `${documentJson.info.title} ${documentJson.info.version}: ${documentJson.info.description || ""}`;
    section.append(element("p", {}, "Every path below starts with the gateway prefix ", element("code", {}, prefix), "."));
    const operations = element("div", {});
    for (const [path, pathOperations] of Object.entries(documentJson.paths)) {
      for (const [method, op] of Object.entries(pathOperations)) operations.append(operation(prefix, path, method, op, schemas));
    }
    section.append(operations);
    const names = Object.keys(schemas);
    if (names.length) {
      const title = element("h3", { id: `${service}-schemas` }, `${documentJson.info.title}: schemas and enumerations`);
      section.append(title, ...names.map((name) => schemaSection(name, schemas[name], schemas)));
    }
  } catch (error) {
    status.textContent = `The document could not be loaded (${error.message}).`;
  }
}

document.querySelectorAll("section[data-service]").forEach(render);
