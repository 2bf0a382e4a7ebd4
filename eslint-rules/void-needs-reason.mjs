// `void promise` drops a promise on purpose. The lint's no-floating-promises lets `void`
// through; this rule asks for the reason in a comment on the line above or at the end of the
// line, so the next reader knows why the result (and any failure) may be ignored.
/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: "suggestion",
    docs: { description: "require a comment saying why a `void` expression is ignored" },
    schema: [],
    messages: {
      missing:
        "Say in a comment (line above, or end of line) why this result is ignored, or handle it.",
    },
  },
  create(context) {
    const source = context.sourceCode;
    return {
      UnaryExpression(node) {
        if (node.operator !== "void") return;
        if (node.argument.type === "Literal") return; // `void 0`
        const statement = enclosingStatement(node);
        const line = statement.loc.start.line;
        const hasReason = source.getAllComments().some((comment) => {
          const { start, end } = comment.loc;
          // A comment at the end of the statement's first or last line, or on the line above.
          return (
            end.line === line - 1 ||
            start.line === line ||
            (start.line === statement.loc.end.line && start.column >= 0)
          );
        });
        if (!hasReason) context.report({ node, messageId: "missing" });
      },
    };
  },
};

function enclosingStatement(node) {
  let current = node;
  while (current.parent && !/Statement|Declaration$/.test(current.type)) current = current.parent;
  return current;
}
