/**
 * The answer as a Markdown document, for editors that show it beside the
 * article: `quicktakes/answerText` reads it, `quicktakes/setAnswerText` gives
 * the edits that write it back, `quicktakes/answerDiagnostics` checks an
 * unsaved answer text and `quicktakes/answerHover` explains its flagged spans.
 * The logic is core/answer/document.ts and core/checks/answerText.ts.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { answerText, setAnswerText } from '../core/answer/document';
import { checkAnswerText } from '../core/checks/answerText';
import {
  ANSWER_DIAGNOSTICS_REQUEST,
  ANSWER_HOVER_REQUEST,
  ANSWER_TEXT_REQUEST,
  SET_ANSWER_TEXT_REQUEST,
  type AnswerDiagnostic,
  type AnswerTextResult,
} from '../protocol';
import type { Feature } from './context';
import { answerTextHover } from './answerHover';
import { currentArticle } from './current';
import { uriToPath } from '../uri';

export const answerDocumentFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(ANSWER_TEXT_REQUEST, (params): AnswerTextResult | null => {
      const current = currentArticle(ctx, params.textDocument.uri);
      const answer = current && answerText(current.text);
      return answer ? { text: answer.text } : null;
    });

    ctx.connection.onRequest(SET_ANSWER_TEXT_REQUEST, (params) => {
      const uri = params.textDocument.uri;
      const current = currentArticle(ctx, uri);
      if (!current) throw new ResponseError(LSPErrorCodes.RequestFailed, `${uri} is neither an open document nor a readable file.`);
      const result = setAnswerText(current.text, params.text);
      if (!result.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
      return result.edits;
    });

    ctx.connection.onRequest(ANSWER_DIAGNOSTICS_REQUEST, (params): AnswerDiagnostic[] => {
      const article = params.textDocument && uriToPath(params.textDocument.uri);
      if (article && ctx.isIgnored(article)) return [];
      return checkAnswerText(params.text, ctx.settings(article).severity);
    });

    // The text alone decides it, as for the diagnostics: an unsaved answer document need not match the article.
    ctx.connection.onRequest(ANSWER_HOVER_REQUEST, (params) => answerTextHover(params.text, params.position));
  },
};
