// `void promise` drops a promise on purpose. The lint's no-floating-promises lets `void`
// through; this rule asks for the reason in a comment on the line above or at the end of the
// line, so the next reader knows why the result (and any failure) may be ignored. It reads
// the types: only a `void` in front of a promise (anything with a `then`) needs a reason.
import { ESLintUtils } from "@typescript-eslint/utils";

const voidNeedsReason = {
  meta: {
    type: "suggestion",
    docs: { description: "require a comment saying why a promise behind `void` is ignored" },
    schema: [],
    messages: {
      missing:
        "Say in a comment (line above, or end of line) why this promise's result is ignored, or handle it.",
    },
  },
  create(context) {
    const source = context.sourceCode;
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    return {
      UnaryExpression(node) {
        if (node.operator !== "void") return;
        const type = services.getTypeAtLocation(node.argument);
        const thenable =
          type.getProperty("then") ??
          (type.isUnion() && type.types.some((part) => part.getProperty("then")));
        if (!thenable || !checker) return;
        const statement = enclosingStatement(node);
        const first = statement.loc.start.line;
        const last = statement.loc.end.line;
        const hasReason = source.getAllComments().some((comment) => {
          const line = comment.loc.start.line;
          return comment.loc.end.line === first - 1 || (line >= first && line <= last);
        });
        if (!hasReason) context.report({ node, messageId: "missing" });
      },
    };
  },
};
export default voidNeedsReason;

function enclosingStatement(node) {
  let current = node;
  while (current.parent && !/Statement|Declaration$/.test(current.type)) current = current.parent;
  return current;
}
