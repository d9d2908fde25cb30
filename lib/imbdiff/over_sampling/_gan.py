"""The generative-adversarial baselines of the ISODF-ENN paper: GAN and TWGAN-GP.

* :class:`GANSampler`: a GAN (Goodfellow et al. 2014; ``loss="gan"``) or a WGAN-GP
  (Gulrajani et al. 2017; ``loss="wgan-gp"``) trained on each oversampled class, asked
  for the missing rows: the paper's "GAN" baseline [19].
* :class:`imbdiff.combine.TWGANGPSampler` (built on this module): the paper's "TWGAN-GP" baseline [20] (Ding & Cui 2023):
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
from functools import partial

import numpy as np
import torch
from imblearn.utils import Substitution
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from torch import nn
from torch.nn import functional as F
from tqdm.std import tqdm

from ..diffusion import TabularTransformer, resolve_device
from .._nn import MLP, as_generator, randint, randn
from .._optim import MultiTensorAdam
from ..base import BaseTableSampler, _as_frame, _one_cpu_thread, _stack, fill_doc, set_params_from

__all__ = ["GANSampler", "GAN_CONSTRAINTS", "gan_fill_doc"]

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

gan_fill_doc = Substitution(
    **fill_doc.params,
    gan_parameters=_gan_parameters_docstring,
    gan_fitted=_gan_fitted_docstring,
    references=_REFERENCES,
)

GAN_CONSTRAINTS = {
    "epochs": [Interval(numbers.Integral, 1, None, closed="left")],
    "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
    "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
    "hidden_dims": ["array-like"],
    "noise_dim": [Interval(numbers.Integral, 1, None, closed="left")],
    "gp_weight": [Interval(numbers.Real, 0, None, closed="left")],
}


@gan_fill_doc
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
        **GAN_CONSTRAINTS,
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
    gen_net = MLP((noise_dim, *hidden_dims, d), nn.ReLU, init).to(dev)
    disc_net = MLP((d, *hidden_dims, 1), partial(nn.LeakyReLU, 0.2), init).to(dev)
    # torch.optim.Adam(foreach=True)'s arithmetic without its per-step bookkeeping
    # (bit-identical weights; see imbdiff._optim).
    opt_g = MultiTensorAdam(gen_net.parameters(), lr=learning_rate, betas=_BETAS[loss])
    opt_d = MultiTensorAdam(disc_net.parameters(), lr=learning_rate, betas=_BETAS[loss])
    batch = min(batch_size, n)
    steps = epochs * -(-n // batch)  # ceil(n / batch) generator steps per epoch
    rng = as_generator(train_seed)
    losses = np.empty((steps, 2))
    for step in tqdm(range(steps), disable=not progress, desc="training GAN"):
        for _ in range(n_critic):
            x = real[randint(n, (batch,), rng, dev)]
            fake = gen_net(randn((batch, noise_dim), rng, dev)).detach()
            d_loss = _discriminator_loss(disc_net, x, fake, loss, gp_weight, rng)
            opt_d.zero_grad()
            d_loss.backward()
            opt_d.step()
        out = disc_net(gen_net(randn((batch, noise_dim), rng, dev)))
        # Non-saturating GAN loss (Goodfellow et al.'s practical choice) / WGAN's -D(G(z)).
        g_loss = F.binary_cross_entropy_with_logits(out, torch.ones_like(out)) if loss == "gan" else -out.mean()
        opt_g.zero_grad()
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
