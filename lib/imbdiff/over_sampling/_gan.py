"""The generative-adversarial baselines of the ISODF-ENN paper: GAN and TWGAN-GP.

* :class:`GANSampler`: a GAN (Goodfellow et al. 2014; ``loss="gan"``) or a WGAN-GP
  (Gulrajani et al. 2017; ``loss="wgan-gp"``) trained on each oversampled class, asked
  for the missing rows: the paper's "GAN" baseline [19].
* :class:`TWGANGPSampler`: the paper's "TWGAN-GP" baseline [20] (Ding & Cui 2023):
  clustering-based under-sampling of the majority class plus WGAN-GP over-sampling of
  the minority, so that both meet at one size.

Both are small torch MLPs. Rows are encoded as the diffusion samplers encode them
(:class:`~imbdiff.diffusion.TabularTransformer`: numeric columns quantile-normalised,
nominal columns as fixed category embeddings decoded to the nearest category), so the
GAN baselines and the DDPMs see the same representation. Every random draw (weights,
noise, mini-batches, gradient-penalty mixing) comes from seeded ``torch.Generator``
objects: the global torch RNG is never touched.
"""

import numbers
import warnings
from functools import partial

import numpy as np
import torch
from imblearn.utils import Substitution
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from torch import nn
from torch.nn import functional as F
from tqdm.std import tqdm

from ..diffusion import TabularTransformer, resolve_device
from ..diffusion._network import make_linear, seeded_init_
from ..diffusion._utils import as_generator, randint, randn
from ..regions import hvdm_embedding
from ._base import BaseTableSampler, _as_frame, _one_cpu_thread, _stack, fill_doc, set_params_from
from ._isodf_enn import BaseMixedSampler, proportional_counts

__all__ = ["GANSampler", "TWGANGPSampler"]

LOSSES = ("gan", "wgan-gp")

# Adam's betas: the DCGAN setting for the GAN (Radford et al. 2016), Gulrajani et
# al.'s (0, 0.9) softened to 0.5 for the WGAN-GP critic and generator.
_BETAS = {"gan": (0.5, 0.999), "wgan-gp": (0.5, 0.9)}
_N_CRITIC = {"gan": 1, "wgan-gp": 5}

_SEED_NAMES = ("transformer", "init", "train", "sample")

_gan_parameters_docstring = """epochs : int, default=300
        Training epochs. One epoch is as many generator steps as there are
        mini-batches in one pass over the class's rows, ``ceil(n / batch_size)``;
        each generator step follows ``n_critic`` discriminator (critic) steps.
        Mini-batches are drawn with replacement.

    batch_size : int, default=64
        Rows per mini-batch, capped at the class size.

    hidden_dims : tuple of int, default=(128, 128)
        Hidden widths of the generator and of the discriminator (ReLU in the
        generator, LeakyReLU(0.2) in the discriminator; linear outputs).

    noise_dim : int, default=32
        Width of the generator's standard normal input.

    gp_weight : float, default=10.0
        ``lambda`` of the gradient penalty (WGAN-GP only; Gulrajani et al.'s 10).

    categorical_features : "auto", array-like of str, int or bool, or None, \
            default="auto"
        Nominal columns, embedded and decoded to the nearest category. ``"auto"``
        takes the ``category``, ``object``, ``string`` and ``bool`` columns of a
        DataFrame (none of an array).

    device : str or torch.device, default="auto"
        ``"auto"`` uses CUDA when it is available, else the CPU.""".rstrip()

_gan_fitted_docstring = """transformer_ : dict
        Class label -> the fitted :class:`~imbdiff.diffusion.TabularTransformer`.

    generator_ : dict
        Class label -> the trained generator (a ``torch.nn.Module``).

    loss_history_ : dict
        Class label -> ndarray of shape (n_steps, 2): the discriminator (critic)
        loss and the generator loss at every generator step.""".rstrip()

_REFERENCES = """.. [1] Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS.
    .. [2] Gulrajani, I., Ahmed, F., Arjovsky, M., Dumoulin, V., Courville, A.
       (2017). Improved training of Wasserstein GANs. NeurIPS.
    .. [3] Ding, H., Cui, X. (2023). A clustering and generative adversarial
       networks-based hybrid approach for imbalanced data classification. Journal
       of Ambient Intelligence and Humanized Computing 14, 8003-8018.
    .. [4] ISODF-ENN: a mixed sampling method based on ISODATA denoising
       diffusion and edited nearest neighbours (title paraphrased from the
       abstract). Journal of Intelligent & Fuzzy Systems (2024): its baselines
       GAN [19] and TWGAN-GP [20]."""

_fill_doc = Substitution(
    **fill_doc.params,
    gan_parameters=_gan_parameters_docstring,
    gan_fitted=_gan_fitted_docstring,
    references=_REFERENCES,
)

_GAN_CONSTRAINTS = {
    "epochs": [Interval(numbers.Integral, 1, None, closed="left")],
    "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
    "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
    "hidden_dims": ["array-like"],
    "noise_dim": [Interval(numbers.Integral, 1, None, closed="left")],
    "gp_weight": [Interval(numbers.Real, 0, None, closed="left")],
}


@_fill_doc
class GANSampler(BaseTableSampler):
    """Over-sample with a GAN (or a WGAN-GP) trained on each oversampled class.

    For every class that ``sampling_strategy`` oversamples, the rows are encoded
    (quantile-normal numeric columns, embedded nominal ones), a generator and a
    discriminator (small MLPs) are trained on them adversarially, and the generator
    draws the missing rows, which are decoded back to the input's columns. With
    ``loss="gan"`` this is the vanilla GAN of Goodfellow et al. [1]_ (the
    non-saturating generator loss); with ``loss="wgan-gp"`` the Wasserstein GAN with
    gradient penalty of Gulrajani et al. [2]_.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        How many rows to generate per class (imbalanced-learn's values):

        {sampling_strategy}

    loss : {{"gan", "wgan-gp"}}, default="gan"
        ``"gan"``: binary cross-entropy, one discriminator step per generator step.
        ``"wgan-gp"``: Wasserstein critic with gradient penalty, ``n_critic``
        critic steps per generator step.

    learning_rate : float, default=2e-4
        Adam's learning rate for both networks (betas (0.5, 0.999) for the GAN,
        (0.5, 0.9) for the WGAN-GP).

    n_critic : int or "auto", default="auto"
        Discriminator steps per generator step; ``"auto"`` is 1 for the GAN and 5
        for the WGAN-GP (Gulrajani et al.).

    {gan_parameters}

    {random_state}

    {verbose}

    Attributes
    ----------
    {gan_fitted}

    {counts}

    See Also
    --------
    TWGANGPSampler : Clustering under-sampling plus WGAN-GP over-sampling.
    CTGANSampler : The conditional tabular GAN of the ``ctgan`` package.

    Notes
    -----
    Numeric columns are mapped to a normal distribution by the class's quantile
    transform, whose inverse clips to the class's range, so generated values never
    leave it; nominal columns are decoded to the category whose embedding is
    nearest. The paper's remark that GANs "are not suitable for dealing with
    discrete forms of data" refers to one-hot outputs; the embedding sidesteps that
    and keeps the comparison with the DDPMs about the generator alone.

    References
    ----------
    {references}

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from imbdiff.over_sampling import GANSampler
    >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
    >>> X_res, y_res = GANSampler(epochs=2, random_state=0).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 160), (1, 160)]
    """

    _parameter_constraints: dict = {
        **BaseTableSampler._parameter_constraints,
        **_GAN_CONSTRAINTS,
        "loss": [StrOptions(set(LOSSES))],
        "n_critic": [Interval(numbers.Integral, 1, None, closed="left"), StrOptions({"auto"})],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        loss="gan",
        epochs=300,
        batch_size=64,
        learning_rate=2e-4,
        n_critic="auto",
        hidden_dims=(128, 128),
        noise_dim=32,
        gp_weight=10.0,
        categorical_features="auto",
        device="auto",
        random_state=None,
        verbose=False,
    ):  # pylint: disable=unused-argument,super-init-not-called
        set_params_from(self, locals())

    def _fit_resample(self, X, y):
        self._set_counts(X, y)
        frame, nominal = _as_frame(X, self.categorical_features)
        device = resolve_device(self.device)
        rng = check_random_state(self.random_state)
        self.transformer_, self.generator_, self.loss_history_ = {}, {}, {}
        new_rows, new_labels = [], []
        with _one_cpu_thread(device):
            for klass, n_samples in self.sampling_strategy_.items():
                # Drawn for every class, so a class's rows do not depend on the others' counts.
                seeds = dict(zip(_SEED_NAMES, rng.randint(np.iinfo(np.int32).max, size=len(_SEED_NAMES)).tolist()))
                if n_samples == 0:
                    continue
                new_rows.append(self._generate(frame[y == klass], nominal, klass, n_samples, seeds, device))
                new_labels.append(np.full(n_samples, klass, dtype=y.dtype))
        return _stack(X, y, new_rows, new_labels)

    def _generate(self, rows, nominal, klass, n_samples, seeds, device):
        """Encode one class's rows, train the GAN on them, decode ``n_samples`` new rows."""
        transformer = TabularTransformer(categorical_features=nominal, random_state=seeds["transformer"])
        Z = transformer.fit_transform(rows)
        n_critic = _N_CRITIC[self.loss] if self.n_critic == "auto" else self.n_critic
        generator, losses = train_gan(
            Z,
            loss=self.loss,
            epochs=self.epochs,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            n_critic=n_critic,
            hidden_dims=tuple(self.hidden_dims),
            noise_dim=self.noise_dim,
            gp_weight=self.gp_weight,
            init_seed=seeds["init"],
            train_seed=seeds["train"],
            device=device,
            progress=self.verbose,
        )
        self.transformer_[klass], self.generator_[klass], self.loss_history_[klass] = transformer, generator, losses
        Z_new = sample_gan(generator, n_samples, self.noise_dim, seeds["sample"], device)
        if not np.isfinite(Z_new).all():
            raise ValueError("the generator diverged (non-finite rows); lower learning_rate")
        return transformer.inverse_transform(Z_new)


@_fill_doc
class TWGANGPSampler(BaseMixedSampler):
    """TWGAN-GP: clustering under-sampling of the majority plus WGAN-GP over-sampling.

    The "TWGAN-GP" baseline of the ISODF-ENN paper, its reference [20] (Ding & Cui
    2023 [3]_), which "undersamples the majority class data by clustering method, and
    then uses GAN to generate minority data to achieve a balanced dataset". The
    classes meet at ``t = n_min + meet_at * (n_max - n_min)`` rows (rounded half up):

    1. every class larger than ``t`` is under-sampled to ``t`` rows: its rows are
       typed by their ``k_neighbors`` nearest rows (HVDM) into Borderline-SMOTE's
       three types, *safe* (fewer than half the neighbours of another class),
       *danger* (half or more) and *noise* (all); each type keeps a share of ``t``
       proportional to its size (largest remainder), chosen by k-means with that
       many clusters over the type's rows, keeping the real row nearest each centre;
    2. every class smaller than ``t`` gets a WGAN-GP [2]_ trained on its rows
       (:class:`GANSampler` with ``loss="wgan-gp"``) and the rows it misses.

    Parameters
    ----------
    meet_at : float, default=0.5
        Where the classes meet, between the smallest class (0: under-sampling only)
        and the largest (1: WGAN-GP over-sampling only).

    k_neighbors : int, default=5
        Neighbours that type the majority rows (capped at ``n_samples - 1``).

    learning_rate : float, default=1e-4
        Adam's learning rate (Gulrajani et al.'s), betas (0.5, 0.9).

    n_critic : int, default=5
        Critic steps per generator step (Gulrajani et al.'s).

    {gan_parameters}

    {random_state}

    {verbose}

    Attributes
    ----------
    {gan_fitted}

    target_count_ : int
        ``t``, the size every class ends with.

    majority_types_ : dict
        Label of each under-sampled class -> ndarray of the type ("safe", "danger"
        or "noise") of each of its rows, in input order.

    removed_indices_ : ndarray of int
        Positions, in the input, of the rows the under-sampling removed.

    gan_ : GANSampler
        The fitted WGAN-GP over-sampler.

    {counts}

    See Also
    --------
    GANSampler : The GAN or WGAN-GP over-sampler alone.
    imblearn.under_sampling.ClusterCentroids : k-means under-sampling.

    Notes
    -----
    Reading taken. The ISODF-ENN paper gives only the sentence quoted above. Ding &
    Cui's abstract adds that the majority rows are first divided "into three types
    according to the K-nearest neighbor algorithm" and each type under-sampled "through
    the clustering method", and that the GAN is one "for tabular data". Their type
    rules, cluster counts and meeting point are not available here, so: the three
    types are Borderline-SMOTE's (safe / danger / noise, which the ISODF-ENN paper
    also describes); the kept rows are real rows nearest to k-means centres (the
    KmUnder rule the paper describes for [16]); the classes meet half-way
    (``meet_at=0.5``); the WGAN-GP works on the same tabular encoding as
    :class:`GANSampler`. With one type and ``meet_at=0`` step 1 is KmUnder.

    The output is the kept input rows, in input order, then the generated rows. The
    WGAN-GP sees only the rows of its class and the under-sampling only the input
    rows, so the two steps are independent. Like ``SMOTEENN`` this is an
    imbalanced-learn ``BaseSampler`` of type "over-sampling": it shrinks classes.

    References
    ----------
    {references}

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from imbdiff.over_sampling import TWGANGPSampler
    >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
    >>> X_res, y_res = TWGANGPSampler(epochs=2, random_state=0).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())  # 40 and 160 meet at 100
    [(0, 100), (1, 100)]
    """

    _parameter_constraints: dict = {
        "meet_at": [Interval(numbers.Real, 0, 1, closed="both")],
        "k_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_critic": [Interval(numbers.Integral, 1, None, closed="left")],
        **_GAN_CONSTRAINTS,
        **{name: BaseTableSampler._parameter_constraints[name] for name in ("categorical_features", "device", "verbose")},
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        *,
        meet_at=0.5,
        k_neighbors=5,
        epochs=300,
        batch_size=64,
        learning_rate=1e-4,
        n_critic=5,
        hidden_dims=(128, 128),
        noise_dim=32,
        gp_weight=10.0,
        categorical_features="auto",
        device="auto",
        random_state=None,
        verbose=False,
    ):  # pylint: disable=unused-argument,super-init-not-called
        set_params_from(self, locals())

    def _oversampler(self):
        shared = ("epochs", "batch_size", "learning_rate", "n_critic", "hidden_dims", "noise_dim", "gp_weight")
        return GANSampler(
            # A callable: evaluated by the GAN sampler on the labels it has validated.
            sampling_strategy=partial(meeting_targets, meet_at=self.meet_at),
            loss="wgan-gp",
            categorical_features=self.categorical_features,
            device=self.device,
            random_state=self.random_state,
            verbose=self.verbose,
            **{name: getattr(self, name) for name in shared},
        )

    def _adopt(self, inner):
        super()._adopt(inner)
        self.gan_ = inner
        for name in ("transformer_", "generator_", "loss_history_"):
            if hasattr(inner, name):
                setattr(self, name, getattr(inner, name))

    def _keep(self, frame, nominal, labels, n_input):
        """Clustering under-sampling of the input rows of every class above ``t``."""
        original = labels[:n_input]
        classes, counts = np.unique(original, return_counts=True)
        self.target_count_ = target = meeting_count(counts, self.meet_at)
        self.majority_types_ = {}
        keep = np.ones(len(labels), dtype=bool)
        large = classes[counts > target]
        if large.size == 0:
            return keep
        space = hvdm_embedding(frame.iloc[:n_input], original, categorical_features=list(nominal) or None)
        types = neighbourhood_types(space, original, min(self.k_neighbors, n_input - 1))
        seed = int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))
        for klass in large:  # the classes above t (one in the binary case)
            rows = np.flatnonzero(original == klass)
            chosen = cluster_undersample(space[rows], types[rows], target, seed)
            keep[rows] = False
            keep[rows[chosen]] = True
            self.majority_types_[klass] = types[rows]
        return keep


# ---------------------------------------------------------------------------- helpers
def meeting_count(counts, meet_at):
    """``t = n_min + meet_at * (n_max - n_min)``, rounded half up."""
    low, high = int(np.min(counts)), int(np.max(counts))
    return low + int(np.floor(meet_at * (high - low) + 0.5))


def meeting_targets(y, meet_at):
    """imbalanced-learn ``sampling_strategy`` callable: the classes below ``t``, to ``t``."""
    classes, counts = np.unique(y, return_counts=True)
    target = meeting_count(counts, meet_at)
    return {klass: target for klass, count in zip(classes.tolist(), counts.tolist()) if count < target}


def neighbourhood_types(space, labels, k):
    """Borderline-SMOTE's types of every row by its ``k`` nearest other rows.

    ``"noise"``: all ``k`` neighbours have another label; ``"danger"``: at least
    half do; ``"safe"``: fewer than half.
    """
    neighbours = NearestNeighbors(n_neighbors=k + 1).fit(space).kneighbors(space, return_distance=False)[:, 1:]
    others = np.count_nonzero(labels[neighbours] != labels[:, None], axis=1)
    return np.where(others == k, "noise", np.where(2 * others >= k, "danger", "safe"))


def cluster_undersample(points, types, quota, seed):
    """Indices of ``quota`` rows: per type a proportional share, by k-means representatives."""
    names, codes = np.unique(types, return_inverse=True)
    shares = proportional_counts(np.bincount(codes, minlength=names.size), quota)
    chosen = [
        members[representatives(points[members], share, seed)]
        for members, share in ((np.flatnonzero(codes == c), s) for c, s in enumerate(shares.tolist()))
    ]
    return np.sort(np.concatenate(chosen))


def representatives(points, n, seed):
    """``n`` rows: the nearest to each of ``n`` k-means centres, topped up if clusters merge.

    k-means may end with fewer distinct non-empty clusters than asked (duplicated
    rows); the remaining places go to the rows nearest their own centre.
    """
    if n >= len(points):
        return np.arange(len(points))
    if n == 0:
        return np.empty(0, dtype=np.intp)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # handled by the top-up below
        kmeans = KMeans(n_clusters=n, n_init=1, random_state=seed).fit(points)
    labels = kmeans.labels_
    distance = np.linalg.norm(points - kmeans.cluster_centers_[labels], axis=1)
    order = np.lexsort((distance, labels))  # by cluster, nearest first
    first = order[np.r_[True, labels[order][1:] != labels[order][:-1]]]
    if len(first) < n:
        taken = np.zeros(len(points), dtype=bool)
        taken[first] = True
        rest = np.argsort(distance, kind="stable")
        first = np.concatenate([first, rest[~taken[rest]][: n - len(first)]])
    return first


class _MLP(nn.Module):
    """Linear layers with an activation between them; the last layer is linear."""

    def __init__(self, widths, activation, generator):
        super().__init__()
        layers = []
        for i, (n_in, n_out) in enumerate(zip(widths[:-1], widths[1:])):
            layers.append(make_linear(n_in, n_out, seeded=True))
            if i < len(widths) - 2:
                layers.append(activation())
        self.net = nn.Sequential(*layers)
        seeded_init_(self, generator)

    def forward(self, x):
        return self.net(x)


def train_gan(
    Z,
    *,
    loss="gan",
    epochs=300,
    batch_size=64,
    learning_rate=2e-4,
    n_critic=1,
    hidden_dims=(128, 128),
    noise_dim=32,
    gp_weight=10.0,
    init_seed=None,
    train_seed=None,
    device="cpu",
    progress=False,
):
    """Train a generator on the rows ``Z`` (GAN or WGAN-GP); return it and the losses.

    Returns
    -------
    generator : torch.nn.Module
        ``noise (n, noise_dim) -> rows (n, d)``, in eval mode.
    losses : ndarray of shape (n_steps, 2)
        Discriminator (critic) and generator loss at every generator step.
    """
    dev = resolve_device(device)
    real = torch.as_tensor(np.asarray(Z, dtype=np.float32), device=dev)
    n, d = real.shape
    init = as_generator(init_seed)
    gen_net = _MLP((noise_dim, *hidden_dims, d), nn.ReLU, init).to(dev)
    disc_net = _MLP((d, *hidden_dims, 1), partial(nn.LeakyReLU, 0.2), init).to(dev)
    # foreach: the same arithmetic as the per-parameter loop, in fewer, larger ops.
    opt_g = torch.optim.Adam(gen_net.parameters(), lr=learning_rate, betas=_BETAS[loss], foreach=True)
    opt_d = torch.optim.Adam(disc_net.parameters(), lr=learning_rate, betas=_BETAS[loss], foreach=True)
    batch = min(batch_size, n)
    steps = epochs * -(-n // batch)  # ceil(n / batch) generator steps per epoch
    rng = as_generator(train_seed)
    losses = np.empty((steps, 2))
    for step in tqdm(range(steps), disable=not progress, desc="training GAN"):
        for _ in range(n_critic):
            x = real[randint(n, (batch,), rng, dev)]
            fake = gen_net(randn((batch, noise_dim), rng, dev)).detach()
            d_loss = _discriminator_loss(disc_net, x, fake, loss, gp_weight, rng)
            opt_d.zero_grad(set_to_none=True)
            d_loss.backward()
            opt_d.step()
        out = disc_net(gen_net(randn((batch, noise_dim), rng, dev)))
        # Non-saturating GAN loss (Goodfellow et al.'s practical choice) / WGAN's -D(G(z)).
        g_loss = F.binary_cross_entropy_with_logits(out, torch.ones_like(out)) if loss == "gan" else -out.mean()
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        losses[step] = (d_loss.item(), g_loss.item())
    return gen_net.eval(), losses


def _discriminator_loss(disc_net, real, fake, loss, gp_weight, rng):
    real_out, fake_out = disc_net(real), disc_net(fake)
    if loss == "gan":
        return F.binary_cross_entropy_with_logits(
            real_out, torch.ones_like(real_out)
        ) + F.binary_cross_entropy_with_logits(fake_out, torch.zeros_like(fake_out))
    # WGAN-GP: critic loss plus lambda (||grad D(x_hat)|| - 1)^2 on random mixtures.
    mix = torch.rand((real.shape[0], 1), generator=rng, device=rng.device).to(real.device)
    x_hat = (mix * real + (1.0 - mix) * fake).requires_grad_(True)
    grad = torch.autograd.grad(disc_net(x_hat).sum(), x_hat, create_graph=True)[0]
    penalty = ((grad.norm(dim=1) - 1.0) ** 2).mean()
    return fake_out.mean() - real_out.mean() + gp_weight * penalty


def sample_gan(generator, n, noise_dim, seed, device="cpu"):
    """``n`` rows from a trained generator, as a float64 array."""
    dev = resolve_device(device)
    with torch.no_grad():
        rows = generator(randn((n, noise_dim), as_generator(seed), dev))
    return rows.cpu().numpy().astype(np.float64)
