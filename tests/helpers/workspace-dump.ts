import zlib from 'node:zlib';
import type { Db } from '../../main/db/open';
import { sealWorkspaceBody } from '../../main/workspace-files/container';
import { dumpHead, type WorkspaceDump, walkWorkspace } from '../../main/workspace-files/export';

/** Every row of a workspace as one object (dump version 1's layout): what the tests compare workspaces with. */
export function dumpWorkspace(db: Db, customerId: number): WorkspaceDump {
  const tables: WorkspaceDump['tables'] = {};
  let rows: unknown[][] = [];
  walkWorkspace(db, customerId, {
    table(name, columns) {
      rows = [];
      tables[name] = { columns, rows };
    },
    row: (cells) => rows.push(cells),
  });
  return { ...dumpHead(db, customerId), dumpVersion: 1, tables };
}

/** A .kpiw file of one JSON document, as the app wrote them before dump version 2. */
export function sealWorkspace(json: string, workspace: string): Buffer {
  return sealWorkspaceBody(zlib.gzipSync(Buffer.from(json, 'utf8')), workspace);
}
