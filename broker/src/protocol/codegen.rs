//! Generates `layouts.rs` from the kafka-protocol crate's own generated message code: every
//! `impl Decodable` is read with `syn`, statement by statement, and turned into the table the
//! bounds check walks (fields in wire order with the versions they exist in, tagged fields,
//! nullability from the Rust field types, element sizes from `size_of`). Anything the
//! generator does not recognise stops it with the type and statement named, so a new crate
//! version cannot silently produce a layout that differs from its decoder.
//!
//! `generated_layouts_are_current` fails when `layouts.rs` differs from what the crate in
//! Cargo.lock gives; `MOLDAU_REGENERATE=1 cargo test -p moldau-broker layouts` rewrites it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quote::ToTokens;
use syn::{BinOp, Expr, Fields, ImplItem, Item, Lit, Pat, Stmt, Type};

/// Highest version a mask can hold.
const MAX_VERSION: i16 = 63;

struct Message {
    file: String,
    name: String,
    min: i16,
    max: i16,
    fields: Vec<FieldOut>,
    tagged_versions: u64,
    tagged: Vec<TaggedOut>,
}

struct FieldOut {
    name: String,
    versions: u64,
    kind: String,
}

struct TaggedOut {
    tag: u32,
    name: String,
    versions: u64,
    kind: String,
}

/// The source directory of the kafka-protocol crate this workspace builds against.
fn crate_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let out = std::process::Command::new(option_env!("CARGO").unwrap_or("cargo"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(&manifest)
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed");
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let pkg = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "kafka-protocol")
        .expect("kafka-protocol is a dependency");
    let path = PathBuf::from(pkg["manifest_path"].as_str().expect("manifest path"));
    path.parent().expect("crate dir").to_path_buf()
}

fn crate_version(dir: &Path) -> String {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    name.trim_start_matches("kafka-protocol-").to_string()
}

/// Evaluates a condition on `version` (`version >= 3 && version <= 5`, `||`, `==`, `<`, ...)
/// for every version, as a mask.
fn eval_mask(cond: &Expr) -> u64 {
    (0..=MAX_VERSION)
        .filter(|v| eval(cond, *v))
        .fold(0, |m, v| m | (1 << v))
}

fn eval(cond: &Expr, v: i16) -> bool {
    match cond {
        Expr::Paren(p) => eval(&p.expr, v),
        Expr::Binary(b) => match b.op {
            BinOp::And(_) => eval(&b.left, v) && eval(&b.right, v),
            BinOp::Or(_) => eval(&b.left, v) || eval(&b.right, v),
            op => {
                assert_eq!(
                    b.left.to_token_stream().to_string(),
                    "version",
                    "condition {}",
                    cond.to_token_stream()
                );
                let n = int_lit(&b.right);
                match op {
                    BinOp::Ge(_) => v >= n,
                    BinOp::Gt(_) => v > n,
                    BinOp::Le(_) => v <= n,
                    BinOp::Lt(_) => v < n,
                    BinOp::Eq(_) => v == n,
                    BinOp::Ne(_) => v != n,
                    _ => panic!("unknown operator in {}", cond.to_token_stream()),
                }
            }
        },
        _ => panic!("unknown condition {}", cond.to_token_stream()),
    }
}

fn int_lit(e: &Expr) -> i16 {
    match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => i.base10_parse().expect("int"),
            _ => panic!("not an int: {}", e.to_token_stream()),
        },
        Expr::Unary(u) => -int_lit(&u.expr),
        _ => panic!("not an int: {}", e.to_token_stream()),
    }
}

/// `types::X.decode(buf)?` → the receiver `types::X`, if `e` is such a call.
fn decode_receiver(e: &Expr) -> Option<&Expr> {
    let e = match e {
        Expr::Try(t) => &*t.expr,
        other => other,
    };
    match e {
        Expr::MethodCall(m) if m.method == "decode" => Some(&m.receiver),
        _ => None,
    }
}

/// The innermost type of `Option<..>` / `Vec<..>`, and whether the outer one is an Option.
fn strip(ty: &Type) -> (bool, &Type) {
    if let Type::Path(p) = ty
        && let Some(seg) = p.path.segments.last()
        && seg.ident == "Option"
        && let syn::PathArguments::AngleBracketed(a) = &seg.arguments
        && let Some(syn::GenericArgument::Type(inner)) = a.args.first()
    {
        return (true, inner);
    }
    (false, ty)
}

fn vec_elem(ty: &Type) -> &Type {
    if let Type::Path(p) = ty
        && let Some(seg) = p.path.segments.last()
        && seg.ident == "Vec"
        && let syn::PathArguments::AngleBracketed(a) = &seg.arguments
        && let Some(syn::GenericArgument::Type(inner)) = a.args.first()
    {
        return inner;
    }
    panic!("not a Vec: {}", ty.to_token_stream())
}

fn last_ident(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p.path.segments.last().unwrap().ident.to_string(),
        _ => panic!("unexpected type {}", ty.to_token_stream()),
    }
}

struct FileCtx<'a> {
    file: &'a str,
    structs: &'a BTreeMap<String, BTreeMap<String, Type>>,
}

impl FileCtx<'_> {
    /// The Rust type as a path usable from `layouts.rs`.
    fn rust_type(&self, ty: &Type) -> String {
        let text = ty.to_token_stream().to_string().replace(' ', "");
        if let Some(rest) = text.strip_prefix("super::") {
            return format!("m::{rest}");
        }
        if self.structs.contains_key(&text) {
            return format!("m::{}::{text}", self.file);
        }
        match text.as_str() {
            "StrBytes" => "kafka_protocol::protocol::StrBytes".into(),
            "Bytes" => "bytes::Bytes".into(),
            "Uuid" => "uuid::Uuid".into(),
            "i8" | "i16" | "i32" | "i64" | "u16" | "u32" | "u64" | "f64" | "bool" => text,
            _ => panic!("unknown element type {text} in {}", self.file),
        }
    }

    fn schema_ref(&self, ty: &Type) -> String {
        let name = last_ident(ty);
        assert!(
            self.structs.contains_key(&name),
            "struct {name} is not defined in {}",
            self.file
        );
        format!("&{}::{name}", self.file)
    }

    /// The layout expression for `receiver` decoding into a field of type `ty`.
    fn kind(&self, receiver: &Expr, ty: &Type) -> String {
        let (nullable, inner) = strip(ty);
        let text = receiver.to_token_stream().to_string().replace(' ', "");
        let fixed = |n: usize| format!("Fixed({n})");
        match text.as_str() {
            "types::Int8" | "types::Boolean" => fixed(1),
            "types::Int16" | "types::UInt16" => fixed(2),
            "types::Int32" | "types::UInt32" => fixed(4),
            "types::Int64" | "types::UInt64" | "types::Float64" => fixed(8),
            "types::Uuid" => fixed(16),
            "types::UnsignedVarInt" => "UnsignedVarInt".into(),
            "types::String" | "types::CompactString" => format!(
                "String {{ compact: {}, nullable: {nullable} }}",
                text.contains("Compact")
            ),
            "types::Bytes" | "types::CompactBytes" => format!(
                "Bytes {{ compact: {}, nullable: {nullable} }}",
                text.contains("Compact")
            ),
            "types::Struct{version}" => format!("Struct({})", self.schema_ref(inner)),
            "types::OptionStruct{version}" => {
                assert!(nullable, "OptionStruct into a non-Option field");
                format!("OptionStruct({})", self.schema_ref(inner))
            }
            _ => {
                let Expr::Call(call) = receiver else {
                    panic!("unknown decoder {text} in {}", self.file);
                };
                let func = call.func.to_token_stream().to_string().replace(' ', "");
                let compact = match func.as_str() {
                    "types::Array" => false,
                    "types::CompactArray" => true,
                    _ => panic!("unknown decoder {text} in {}", self.file),
                };
                let elem_ty = vec_elem(inner);
                let elem = self.kind(&call.args[0], elem_ty);
                format!(
                    "Array {{ compact: {compact}, nullable: {nullable}, elem: &{elem}, \
                     elem_size: size_of::<{}>() }}",
                    self.rust_type(elem_ty)
                )
            }
        }
    }
}

/// Collects `(versions, receiver)` for each decode in a `let` initialiser: a plain decode, or
/// an `if version ... { decode } else { default or another if }` chain.
fn let_decodes(e: &Expr, within: u64, out: &mut Vec<(u64, Expr)>) {
    if let Some(r) = decode_receiver(e) {
        out.push((within, r.clone()));
        return;
    }
    // Anything else is a default value: not on the wire in these versions.
    if let Expr::If(i) = e {
        {
            let m = eval_mask(&i.cond);
            if let Some(Stmt::Expr(then, None)) = i.then_branch.stmts.last() {
                let_decodes(then, within & m, out);
            }
            if let Some((_, els)) = &i.else_branch {
                let els = match &**els {
                    Expr::Block(b) => match b.block.stmts.last() {
                        Some(Stmt::Expr(e, None)) => e.clone(),
                        _ => return,
                    },
                    other => other.clone(),
                };
                let_decodes(&els, within & !m, out);
            }
        }
    }
}

fn is_bail(stmts: &[Stmt]) -> bool {
    matches!(stmts.last(), Some(Stmt::Macro(m)) if m.mac.path.is_ident("bail"))
        || matches!(stmts.last(), Some(Stmt::Expr(Expr::Macro(m), _)) if m.mac.path.is_ident("bail"))
}

/// Reads one tagged-field arm body: `{ if COND { x = decode; } else { bail!() } }` or
/// `{ x = decode; }`.
fn tagged_arm(
    body: &Expr,
    ctx: &FileCtx,
    fields: &BTreeMap<String, Type>,
) -> (String, u64, String) {
    let Expr::Block(b) = body else {
        panic!("tagged arm {}", body.to_token_stream())
    };
    let (mask, stmts) = match b.block.stmts.as_slice() {
        [Stmt::Expr(Expr::If(i), _)] => {
            let els = i.else_branch.as_ref().expect("else bail");
            let Expr::Block(eb) = &*els.1 else {
                panic!("else")
            };
            assert!(is_bail(&eb.block.stmts), "tagged arm's else must bail");
            (eval_mask(&i.cond), i.then_branch.stmts.clone())
        }
        stmts => (u64::MAX, stmts.to_vec()),
    };
    let [Stmt::Expr(Expr::Assign(a), _)] = stmts.as_slice() else {
        panic!("tagged arm statements {}", body.to_token_stream())
    };
    let name = a.left.to_token_stream().to_string();
    let recv = decode_receiver(&a.right).expect("tagged decode");
    let ty = fields.get(&name).unwrap_or_else(|| panic!("field {name}"));
    (name, mask, ctx.kind(recv, ty))
}

/// The known tags of a tagged-field loop (`match tag { 0 => ..., _ => unknown }`).
fn tagged_loop(
    f: &syn::ExprForLoop,
    ctx: &FileCtx,
    fields_ty: &BTreeMap<String, Type>,
    all: u64,
    msg: &mut Message,
) {
    for s in &f.body.stmts {
        let Stmt::Expr(Expr::Match(m), _) = s else {
            continue;
        };
        for arm in &m.arms {
            let Pat::Lit(lit) = &arm.pat else { continue };
            let Lit::Int(tag) = &lit.lit else {
                panic!("tag")
            };
            let (name, versions, kind) = tagged_arm(&arm.body, ctx, fields_ty);
            msg.tagged.push(TaggedOut {
                tag: tag.base10_parse().expect("tag"),
                name,
                versions: versions & all,
                kind,
            });
        }
    }
}

fn message(
    ctx: &FileCtx,
    name: &str,
    body: &syn::Block,
    range: (i16, i16),
    fields_ty: &BTreeMap<String, Type>,
) -> Message {
    let all = (range.0..=range.1).fold(0u64, |m, v| m | (1 << v));
    let mut msg = Message {
        file: ctx.file.to_string(),
        name: name.to_string(),
        min: range.0,
        max: range.1,
        fields: Vec::new(),
        tagged_versions: 0,
        tagged: Vec::new(),
    };
    for stmt in &body.stmts {
        match stmt {
            Stmt::Local(l) => {
                let Pat::Ident(pi) = &l.pat else {
                    panic!("{name}: pattern {}", l.pat.to_token_stream())
                };
                let fname = pi.ident.to_string();
                if fname == "num_tagged_fields" {
                    msg.tagged_versions = all;
                    continue;
                }
                let Some(init) = &l.init else { continue };
                let mut decodes = Vec::new();
                let_decodes(&init.expr, all, &mut decodes);
                if decodes.is_empty() {
                    continue; // a tagged field's default or the unknown-fields map
                }
                let ty = fields_ty
                    .get(&fname)
                    .unwrap_or_else(|| panic!("{name}: no field {fname}"));
                for (versions, recv) in decodes {
                    msg.fields.push(FieldOut {
                        name: fname.clone(),
                        versions,
                        kind: ctx.kind(&recv, ty),
                    });
                }
            }
            Stmt::Expr(Expr::If(i), _) => {
                if is_bail(&i.then_branch.stmts) {
                    continue; // the version-range check
                }
                let mask = eval_mask(&i.cond);
                let text = i.then_branch.to_token_stream().to_string();
                assert!(
                    text.contains("num_tagged_fields"),
                    "{name}: unknown if statement {}",
                    i.to_token_stream()
                );
                msg.tagged_versions = mask & all;
                for s in &i.then_branch.stmts {
                    if let Stmt::Expr(Expr::ForLoop(f), _) = s {
                        tagged_loop(f, ctx, fields_ty, all, &mut msg);
                    }
                }
            }
            // Always-flexible messages: the tagged section is not behind a version check.
            Stmt::Expr(Expr::ForLoop(f), _) => {
                assert_eq!(
                    msg.tagged_versions, all,
                    "{name}: loop before num_tagged_fields"
                );
                tagged_loop(f, ctx, fields_ty, all, &mut msg);
            }
            Stmt::Expr(Expr::Call(c), None) if c.func.to_token_stream().to_string() == "Ok" => {}
            other => panic!("{name}: unknown statement {}", other.to_token_stream()),
        }
    }
    msg
}

fn impl_trait_is(i: &syn::ItemImpl, trait_name: &str) -> bool {
    i.trait_
        .as_ref()
        .and_then(|(_, p, _)| p.segments.last())
        .is_some_and(|s| s.ident == trait_name)
}

fn self_name(i: &syn::ItemImpl) -> String {
    last_ident(&i.self_ty)
}

fn parse_file(file: &str, src: &str) -> Vec<Message> {
    let ast = syn::parse_file(src).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut structs = BTreeMap::new();
    let mut ranges = BTreeMap::new();
    for item in &ast.items {
        match item {
            Item::Struct(s) => {
                let Fields::Named(named) = &s.fields else {
                    continue;
                };
                let fields = named
                    .named
                    .iter()
                    .map(|f| (f.ident.as_ref().unwrap().to_string(), f.ty.clone()))
                    .collect::<BTreeMap<_, _>>();
                structs.insert(s.ident.to_string(), fields);
            }
            Item::Impl(i) if impl_trait_is(i, "Message") => {
                for it in &i.items {
                    if let ImplItem::Const(c) = it
                        && c.ident == "VERSIONS"
                        && let Expr::Struct(s) = &c.expr
                    {
                        let get = |n: &str| {
                            let f = s
                                .fields
                                .iter()
                                .find(|f| f.member.to_token_stream().to_string() == n);
                            int_lit(&f.expect("min/max").expr)
                        };
                        ranges.insert(self_name(i), (get("min"), get("max")));
                    }
                }
            }
            _ => {}
        }
    }
    let ctx = FileCtx {
        file,
        structs: &structs,
    };
    let mut out = Vec::new();
    for item in &ast.items {
        let Item::Impl(i) = item else { continue };
        if !impl_trait_is(i, "Decodable") {
            continue;
        }
        let name = self_name(i);
        let body = i
            .items
            .iter()
            .find_map(|it| match it {
                ImplItem::Fn(f) if f.sig.ident == "decode" => Some(&f.block),
                _ => None,
            })
            .expect("decode fn");
        // A field named `version` shadows the version the later fields are decoded with
        // (KRaft control records): the layout cannot express that, and the broker never
        // decodes these types, so they get no layout and cannot be decoded through `decode`.
        if body.to_token_stream().to_string().contains("let version =") {
            continue;
        }
        let range = *ranges
            .get(&name)
            .unwrap_or_else(|| panic!("{name}: no VERSIONS"));
        assert!(
            range.1 <= MAX_VERSION,
            "{name}: versions past {MAX_VERSION}"
        );
        out.push(message(&ctx, &name, body, range, &structs[&name]));
    }
    out
}

fn render(version: &str, messages: &[Message]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "// @generated from the decoders of kafka-protocol {version} by protocol/codegen.rs;\n\
         // do not edit. Regenerate: MOLDAU_REGENERATE=1 cargo test -p moldau-broker layouts\n\
         #![allow(non_upper_case_globals)]\n\
         use std::mem::size_of;\n\
         use kafka_protocol::messages as m;\n\
         use super::schema::{{Bounded, Field, Kind::*, Schema, TaggedField}};\n"
    );
    let mut by_file: BTreeMap<&str, Vec<&Message>> = BTreeMap::new();
    for m in messages {
        by_file.entry(&m.file).or_default().push(m);
    }
    for (file, msgs) in &by_file {
        let _ = writeln!(s, "pub mod {file} {{\nuse super::*;");
        for m in msgs {
            let versions = (m.min..=m.max).fold(0u64, |a, v| a | (1 << v));
            let _ = writeln!(
                s,
                "pub static {}: Schema = Schema {{ name: \"{}\", versions: {versions:#x}, tagged_versions: {:#x}, fields: &[",
                m.name, m.name, m.tagged_versions
            );
            for f in &m.fields {
                let _ = writeln!(
                    s,
                    "    Field {{ name: \"{}\", versions: {:#x}, kind: {} }},",
                    f.name, f.versions, f.kind
                );
            }
            let _ = writeln!(s, "], tagged: &[");
            for t in &m.tagged {
                let _ = writeln!(
                    s,
                    "    TaggedField {{ tag: {}, name: \"{}\", versions: {:#x}, kind: {} }},",
                    t.tag, t.name, t.versions, t.kind
                );
            }
            let _ = writeln!(s, "] }};");
            let _ = writeln!(
                s,
                "impl Bounded for m::{file}::{0} {{ fn schema() -> &'static Schema {{ &{0} }} }}",
                m.name
            );
        }
        let _ = writeln!(s, "}}\n");
    }
    let _ = writeln!(
        s,
        "/// Every message type: its layout and its bounded decode.\npub static MESSAGES: &[super::Message] = &["
    );
    for m in messages {
        let _ = writeln!(
            s,
            "    super::Message {{ schema: &{0}::{1}, decode: super::decode_only::<m::{0}::{1}> }},",
            m.file, m.name
        );
    }
    let _ = writeln!(s, "];");
    s
}

/// The generated text for the kafka-protocol crate in Cargo.lock.
pub fn generate() -> String {
    let dir = crate_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("src/messages"))
        .expect("messages dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut messages = Vec::new();
    for path in files {
        let file = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).expect("read message source");
        messages.extend(parse_file(&file, &src));
    }
    render(&crate_version(&dir), &messages)
}

#[test]
fn generated_layouts_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/protocol/layouts.rs");
    let want = generate();
    if std::env::var_os("MOLDAU_REGENERATE").is_some() {
        std::fs::write(&path, &want).expect("write layouts.rs");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "src/protocol/layouts.rs does not match kafka-protocol's decoders; regenerate with \
         MOLDAU_REGENERATE=1 cargo test -p moldau-broker layouts"
    );
}
