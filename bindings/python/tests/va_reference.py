"""Block-by-block numpy statements of the gross-export decompositions, written
from the papers' formulas (one loop over exporter s and importer r, N x N
blocks), as the reference the library's vectorised C code is checked against.

Notation: G regions, N sectors, region-major; A, B = (I - A)^-1, L_rr =
(I - A_rr)^-1, v = value added / output, Y (n x G) final demand by
destination region, E (n x G) exports by destination (Z blocks + Y)."""
import numpy as np


class System:
    def __init__(self, z, y_by_region, x, regions):
        n = len(x)
        self.G, self.N, self.n = regions, n // regions, n
        self.z, self.x = np.asarray(z, float), np.asarray(x, float)
        self.y = np.asarray(y_by_region, float)
        self.a = self.z / self.x[None, :]
        self.b = np.linalg.inv(np.eye(n) - self.a)
        self.v = (self.x - self.z.sum(axis=0)) / self.x
        self.local = [np.linalg.inv(np.eye(self.N) - self.blk(self.a, r, r)) for r in range(regions)]
        self.e = np.zeros((n, regions))
        for s in range(regions):
            for r in range(regions):
                if r != s:
                    self.e[self.idx(s), r] = self.blk(self.z, s, r).sum(axis=1) + self.y[self.idx(s), r]

    def idx(self, r):
        return slice(r * self.N, (r + 1) * self.N)

    def blk(self, m, r, s):
        return m[self.idx(r), self.idx(s)]

    def ysum(self, r, dests):
        return sum((self.y[self.idx(r), t] for t in dests), np.zeros(self.N))

    def exports(self, r):
        return self.e[self.idx(r)].sum(axis=1)


def wwz(sy):
    """WWZ (2013) 16 terms, array (G, N, G, 16): exporter, sector, importer.
    Term order: dva_fin dva_int dva_intrex1 dva_intrexf dva_intrex2 rdv_int
    rdv_fin rdv_fin2 ova_fin mva_fin ova_int mva_int ddc_fin ddc_int odc mdc."""
    G, B, A = sy.G, sy.b, sy.a
    out = np.zeros((G, sy.N, G, 16))
    for s in range(G):
        vs = sy.v[sy.idx(s)]
        vb = vs @ sy.blk(B, s, s)
        vl = vs @ sy.local[s]
        others = lambda *ex: [t for t in range(G) if t not in ex]
        for r in others(s):
            asr, yrr = sy.blk(A, s, r), sy.y[sy.idx(r), r]
            ysr = sy.y[sy.idx(s), r]
            t = out[s, :, r]
            t[:, 0] = vb * ysr
            t[:, 1] = vl * (asr @ sy.blk(B, r, r) @ yrr)
            t[:, 2] = vl * (asr @ sum((sy.blk(B, r, u) @ sy.y[sy.idx(u), u] for u in others(s, r)), np.zeros(sy.N)))
            t[:, 3] = vl * (asr @ sy.blk(B, r, r) @ sy.ysum(r, others(s, r)))
            t[:, 4] = vl * (asr @ sum((sy.blk(B, r, u) @ sy.ysum(u, others(s, u)) for u in others(s, r)), np.zeros(sy.N)))
            t[:, 5] = vl * (asr @ sy.blk(B, r, s) @ sy.y[sy.idx(s), s])
            t[:, 6] = vl * (asr @ sy.blk(B, r, r) @ sy.y[sy.idx(r), s])
            t[:, 7] = vl * (asr @ sum((sy.blk(B, r, u) @ sy.y[sy.idx(u), s] for u in others(s, r)), np.zeros(sy.N)))
            foreign = lambda ex: sum((sy.v[sy.idx(u)] @ sy.blk(B, u, s) for u in others(*ex)), np.zeros(sy.N))
            mva, ova = sy.v[sy.idx(r)] @ sy.blk(B, r, s), foreign((s, r))
            t[:, 8] = ova * ysr
            t[:, 9] = mva * ysr
            aly = asr @ sy.local[r] @ yrr
            t[:, 10] = ova * aly
            t[:, 11] = mva * aly
            t[:, 12] = vl * (asr @ sy.blk(B, r, s) @ sy.ysum(s, others(s)))
            t[:, 13] = (vb - vl) * (asr @ sy.x[sy.idx(r)])
            ale = asr @ sy.local[r] @ sy.exports(r)
            t[:, 14] = ova * ale
            t[:, 15] = mva * ale
    return out


def kww(sy):
    """KWW (2014) nine terms per exporter, array (G, 9)."""
    G, B, A = sy.G, sy.b, sy.a
    out = np.zeros((G, 9))
    for s in range(G):
        vs = sy.v[sy.idx(s)]
        others = [t for t in range(G) if t != s]
        yss, es = sy.y[sy.idx(s), s], sy.exports(s)
        for r in others:
            bsr = sy.blk(B, s, r)
            out[s, 0] += vs @ sy.blk(B, s, s) @ sy.y[sy.idx(s), r]
            out[s, 1] += vs @ bsr @ sy.y[sy.idx(r), r]
            out[s, 2] += vs @ bsr @ sy.ysum(r, [t for t in range(G) if t not in (s, r)])
            out[s, 3] += vs @ bsr @ sy.y[sy.idx(r), s]
            out[s, 4] += vs @ bsr @ sy.blk(A, r, s) @ sy.local[s] @ yss
            out[s, 5] += vs @ bsr @ sy.blk(A, r, s) @ sy.local[s] @ es
            for t in others:
                vb = sy.v[sy.idx(t)] @ sy.blk(B, t, s)
                out[s, 6] += vb @ sy.y[sy.idx(s), r]
                out[s, 7] += vb @ sy.blk(A, s, r) @ sy.local[r] @ sy.y[sy.idx(r), r]
                out[s, 8] += vb @ sy.blk(A, s, r) @ sy.local[r] @ sy.exports(r)
    return out


def _slash(sy, s):
    """B^/s: the inverse with the export rows of s cut (A_sj = 0, j != s)."""
    a = sy.a.copy()
    for j in range(sy.G):
        if j != s:
            a[sy.idx(s), sy.idx(j)] = 0.0
    return np.linalg.inv(np.eye(sy.n) - a)


def borin_mancini(sy, sink):
    """Borin & Mancini (2023) four terms per exporter and importer, array
    (G, N, G, 4): dva ddc fva fdc, source-based (B^/s) or sink-based."""
    G, B, A = sy.G, sy.b, sy.a
    out = np.zeros((G, sy.N, G, 4))
    for s in range(G):
        bs = _slash(sy, s)
        others = [t for t in range(G) if t != s]
        for r in others:
            e = sy.e[sy.idx(s), r]
            if not sink:
                # per exporting sector: the row weights act on diag(e_sr)
                back = sum((sy.blk(A, s, j) @ sy.blk(B, j, s) for j in others), np.zeros((sy.N, sy.N)))
                dom = sy.v[sy.idx(s)] @ sy.blk(bs, s, s)
                fva = sum((sy.v[sy.idx(t)] @ sy.blk(bs, t, s) for t in others), np.zeros(sy.N))
                out[s, :, r, 0] = dom * e
                out[s, :, r, 1] = (dom @ back) * e
                out[s, :, r, 2] = fva * e
                out[s, :, r, 3] = (fva @ back) * e
            else:
                # x_j split into output for final demand other than s's exports
                # and output induced by s's exports (both through B^/s)
                ytot = sy.y.sum(axis=1).copy()
                ytot[sy.idx(s)] = sy.y[sy.idx(s), s]
                x_final = bs @ ytot
                x_exp = bs[:, sy.idx(s)] @ sy.exports(s)
                lrr = sy.local[r]
                yr = sy.y[sy.idx(r)].sum(axis=1)
                feed_f = sum((sy.blk(A, r, j) @ x_final[sy.idx(j)] for j in range(G) if j != r), np.zeros(sy.N))
                feed_e = sum((sy.blk(A, r, j) @ x_exp[sy.idx(j)] for j in range(G) if j != r), np.zeros(sy.N))
                asr = sy.blk(A, s, r)
                ult = sy.y[sy.idx(s), r] + asr @ lrr @ (yr + feed_f)
                rex = asr @ lrr @ feed_e
                dom = sy.v[sy.idx(s)] @ sy.blk(B, s, s)
                fva = sum((sy.v[sy.idx(t)] @ sy.blk(B, t, s) for t in others), np.zeros(sy.N))
                out[s, :, r, 0] = dom * ult
                out[s, :, r, 1] = dom * rex
                out[s, :, r, 2] = fva * ult
                out[s, :, r, 3] = fva * rex
    return out


def vax(sy):
    """Johnson & Noguera (2012): value added of s absorbed in r, (G, G)."""
    w = sy.b @ sy.y
    out = np.zeros((sy.G, sy.G))
    for s in range(sy.G):
        out[s] = sy.v[sy.idx(s)] @ w[sy.idx(s)]
    return out
